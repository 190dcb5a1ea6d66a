package io.github.st2chatops.gateway.chat.rocketchat;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatPlatform;
import io.github.st2chatops.gateway.chat.ChatReply;
import io.github.st2chatops.gateway.chat.ChatWebhookController;
import io.github.st2chatops.gateway.chat.ConditionalOnChatPlatform;
import io.github.st2chatops.gateway.chat.InboundFlow;
import io.github.st2chatops.gateway.chat.InboundOutcome;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /chat/rocketchat}: a Rocket.Chat outgoing webhook, through the shared
 * {@link InboundFlow}. When the answer is ready within {@code reply-deadline} and fits
 * one message it is the webhook's response, which Rocket.Chat posts in the same room and
 * thread; otherwise the response is empty and the answer goes through the incoming
 * webhook.
 */
@RestController
@ConditionalOnChatPlatform(RocketChatProperties.ENABLED_BY)
class RocketChatWebhookController extends ChatWebhookController<RocketChatOutgoingMessage> {

	private final RocketChatProperties properties;

	RocketChatWebhookController(InboundFlow flow, ChatPlatform<RocketChatOutgoingMessage> platform,
			RocketChatProperties properties) {
		super(flow, platform);
		this.properties = properties;
	}

	@PostMapping("/chat/rocketchat")
	ResponseEntity<Map<String, Object>> receive(HttpServletRequest request) throws IOException {
		InboundOutcome<RocketChatOutgoingMessage> outcome = accept(request);
		// an empty JSON object (not an empty body) keeps Rocket.Chat from treating the
		// call as failed; late replies go out through the incoming webhook
		if (!(outcome instanceof InboundOutcome.Accepted<RocketChatOutgoingMessage> accepted)
				|| accepted.replies().isEmpty() || accepted.replies().get().isEmpty()) {
			return ResponseEntity.ok(Map.of());
		}
		List<ChatReply> replies = accepted.replies().get();
		Map<String, Object> inline = inline(accepted.command().address(), replies);
		if (inline == null) {
			sendLater(replies);
			return ResponseEntity.ok(Map.of());
		}
		return ResponseEntity.ok(inline);
	}

	/**
	 * The webhook response when the replies fit one public message, else {@code null}.
	 */
	private Map<String, Object> inline(ChatAddress address, List<ChatReply> replies) {
		StringBuilder text = new StringBuilder();
		for (ChatReply reply : replies) {
			if (reply.whisper() || !reply.address().equals(address)) {
				return null;
			}
			if (text.length() > 0) {
				text.append("\n\n");
			}
			text.append(reply.text());
		}
		if (text.length() > this.properties.maxMessageLength()) {
			return null;
		}
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("text", text.toString());
		if (address.thread() != null) {
			response.put("tmid", address.thread());
		}
		return response;
	}

}
