package io.github.st2chatops.gateway.chat.teams;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatPlatform;
import io.github.st2chatops.gateway.chat.ChatReply;
import io.github.st2chatops.gateway.chat.ChatWebhookController;
import io.github.st2chatops.gateway.chat.ConditionalOnChatPlatform;
import io.github.st2chatops.gateway.chat.InboundFlow;
import io.github.st2chatops.gateway.chat.InboundOutcome;
import io.github.st2chatops.gateway.chat.MessageSplitter;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /chat/teams}: a Teams outgoing webhook, through the shared
 * {@link InboundFlow}. Answered inline within Teams' five seconds; what is later goes out
 * through the channel's Workflows webhook.
 */
@RestController
@ConditionalOnChatPlatform(TeamsProperties.ENABLED_BY)
class TeamsWebhookController extends ChatWebhookController<TeamsActivity> {

	static final String DUPLICATE = "That message was already received; it is not run again.";

	static final String WORKING = "Working on it\u2026 the answer will be posted in this channel.";

	static final String WORKING_NOT_RELAYED = "Working on it\u2026 but no Workflows webhook is set up for this "
			+ "channel, so the answer will not be posted here.";

	static final String NOT_RELAYED = "_Results are not posted in this channel: no Workflows webhook is set up for it._";

	private static final Logger logger = LoggerFactory.getLogger(TeamsWebhookController.class);

	private final TeamsProperties properties;

	TeamsWebhookController(InboundFlow flow, ChatPlatform<TeamsActivity> platform, TeamsProperties properties) {
		super(flow, platform);
		this.properties = properties;
	}

	@PostMapping("/chat/teams")
	ResponseEntity<Map<String, Object>> receive(HttpServletRequest request) throws IOException {
		InboundOutcome<TeamsActivity> outcome = accept(request);
		if (outcome instanceof InboundOutcome.Duplicate<TeamsActivity>) {
			return ResponseEntity.ok(TeamsMessages.inline(DUPLICATE, null));
		}
		if (!(outcome instanceof InboundOutcome.Accepted<TeamsActivity> accepted)) {
			return ResponseEntity.ok(Map.of());
		}
		String channel = accepted.command().address().channel();
		boolean relayed = this.properties.workflowUrlFor(channel).isPresent();
		if (!relayed) {
			// the operator needs the channel id to set the URL, and Teams shows it
			// nowhere else
			logger.info("Teams channel {} has no Workflows webhook; set gateway.chat.teams.workflow-urls[{}] "
					+ "or default-workflow-url to post results there", channel, channel);
		}
		if (accepted.replies().isEmpty()) {
			return ResponseEntity.ok(TeamsMessages.inline(relayed ? WORKING : WORKING_NOT_RELAYED, null));
		}
		if (accepted.replies().get().isEmpty()) {
			return ResponseEntity.ok().build();
		}
		return ResponseEntity.ok(inline(accepted.message(), accepted.replies().get(), relayed));
	}

	/**
	 * One inline message out of the (non-empty) replies: Teams shows one answer per
	 * request. What does not fit goes after it through the Workflows webhook.
	 */
	private Map<String, Object> inline(TeamsActivity activity, List<ChatReply> replies, boolean relayed) {
		TeamsMessages.Mention mention = null;
		List<String> texts = new ArrayList<>();
		for (ChatReply reply : replies) {
			if (reply.whisper() && mention == null) {
				mention = new TeamsMessages.Mention(
						(activity.from().name() != null) ? activity.from().name() : activity.from().id(),
						activity.from().id());
			}
			texts.add(reply.whisper() ? mention.tag() + " " + reply.text() : reply.text());
		}
		String note = relayed ? "" : "\n\n" + NOT_RELAYED;
		List<String> parts = MessageSplitter.split(String.join("\n\n", texts),
				this.properties.maxMessageLength() - note.length());
		if (parts.size() > 1) {
			ChatAddress address = replies.get(0).address();
			List<String> rest = parts.subList(1, parts.size());
			sendLater(rest.stream().map((part) -> ChatReply.of(address, part)).toList());
		}
		return TeamsMessages.inline(parts.get(0) + note, mention);
	}

}
