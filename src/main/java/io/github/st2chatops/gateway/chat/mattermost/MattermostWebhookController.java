package io.github.st2chatops.gateway.chat.mattermost;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.st2chatops.gateway.chat.ChatPlatform;
import io.github.st2chatops.gateway.chat.ChatReply;
import io.github.st2chatops.gateway.chat.ChatWebhookController;
import io.github.st2chatops.gateway.chat.ConditionalOnChatPlatform;
import io.github.st2chatops.gateway.chat.InboundFlow;
import io.github.st2chatops.gateway.chat.InboundOutcome;

/**
 * {@code POST /chat/mattermost}: a slash command or an outgoing webhook, through the
 * shared {@link InboundFlow}. The command's reply is the HTTP response when it is ready
 * within {@code reply-deadline}, else it is posted later.
 */
@RestController
@RequestMapping("/chat/mattermost")
@ConditionalOnChatPlatform(MattermostProperties.ENABLED_BY)
class MattermostWebhookController extends ChatWebhookController<MattermostRequest> {

	private static final Logger logger = LoggerFactory.getLogger(MattermostWebhookController.class);

	private final MattermostProperties properties;

	private final MattermostClient client;

	MattermostWebhookController(InboundFlow flow, ChatPlatform<MattermostRequest> platform,
			MattermostProperties properties, MattermostClient client) {
		super(flow, platform);
		this.properties = properties;
		this.client = client;
	}

	/**
	 * A slash command or an outgoing webhook.
	 * @param request the request
	 * @return 200 with a Mattermost command or webhook response
	 * @throws IOException when the body cannot be read
	 */
	@PostMapping
	ResponseEntity<Object> receive(HttpServletRequest request) throws IOException {
		InboundOutcome<MattermostRequest> outcome = accept(request);
		// a duplicate, or a command still running whose replies will be posted
		if (!(outcome instanceof InboundOutcome.Accepted<MattermostRequest> accepted) || accepted.replies().isEmpty()) {
			return ResponseEntity.ok(Map.of());
		}
		return ResponseEntity.ok(answer(accepted.replies().get(), accepted.message()));
	}

	/**
	 * What to answer when the replies were ready in time: one reply that fits in one post
	 * goes in the response; anything else is posted, in order.
	 */
	private Map<String, Object> answer(List<ChatReply> replies, MattermostRequest request) {
		if (replies.isEmpty()) {
			return Map.of();
		}
		if (replies.size() == 1) {
			ChatReply reply = replies.get(0);
			List<MattermostMessages.Message> messages = MattermostMessages.of(reply, this.properties.messageLimit());
			if (messages.size() == 1 && request.slashCommand()) {
				return messages.get(0).asResponse(reply.whisper() ? "ephemeral" : "in_channel");
			}
			if (messages.size() == 1 && !reply.whisper() && isThreadRoot(request.postId())) {
				// "comment" replies to the post; Mattermost refuses that when the post is
				// itself a reply, so those go through the API to the thread's root
				return messages.get(0).asResponse("comment");
			}
		}
		sendLater(replies);
		return Map.of();
	}

	private boolean isThreadRoot(String postId) {
		if (postId == null) {
			return false;
		}
		try {
			return postId.equals(this.client.rootOf(postId));
		}
		catch (RuntimeException ex) {
			logger.info("Could not read Mattermost post {} to find its thread: {}", postId, ex.getMessage());
			return true;
		}
	}

}
