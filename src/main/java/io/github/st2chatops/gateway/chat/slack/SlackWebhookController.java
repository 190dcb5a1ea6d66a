package io.github.st2chatops.gateway.chat.slack;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.st2chatops.gateway.chat.ChatPlatform;
import io.github.st2chatops.gateway.chat.ChatRequest;
import io.github.st2chatops.gateway.chat.ChatWebhookController;
import io.github.st2chatops.gateway.chat.ConditionalOnChatPlatform;
import io.github.st2chatops.gateway.chat.InboundFlow;
import io.github.st2chatops.gateway.chat.InboundOutcome;

/**
 * Slack's webhooks, slash commands and the Events API, through the shared
 * {@link InboundFlow}. Each is answered at once (Slack waits three seconds) and its
 * command runs in the background; replies go out through {@link SlackSender}.
 */
@RestController
@RequestMapping("/chat/slack")
@ConditionalOnChatPlatform(SlackProperties.ENABLED_BY)
class SlackWebhookController extends ChatWebhookController<Void> {

	SlackWebhookController(InboundFlow flow, ChatPlatform<Void> platform) {
		super(flow, platform);
	}

	/**
	 * A slash command ({@code /st2 pack get st2}). Answered with an empty
	 * {@code in_channel} response, so the command shows in the channel; the replies
	 * follow through the command's {@code response_url}.
	 * @param request the request
	 * @return 200
	 * @throws IOException when the body cannot be read
	 */
	@PostMapping("/commands")
	ResponseEntity<Object> command(HttpServletRequest request) throws IOException {
		return answer(ChatRequest.read(request, SlackInboundParser.COMMANDS), Map.of("response_type", "in_channel"));
	}

	/**
	 * An Events API request: the URL verification handshake, or an {@code app_mention} or
	 * {@code message} event. Answered with 200 at once; a retried or repeated event runs
	 * nothing.
	 * @param request the request
	 * @return 200, with the challenge for {@code url_verification}
	 * @throws IOException when the body cannot be read
	 */
	@PostMapping("/events")
	ResponseEntity<Object> event(HttpServletRequest request) throws IOException {
		return answer(ChatRequest.read(request, SlackInboundParser.EVENTS), null);
	}

	private ResponseEntity<Object> answer(ChatRequest request, Object acceptedBody) {
		InboundOutcome<Void> outcome = accept(request);
		Object body = null;
		if (outcome instanceof InboundOutcome.Handshake<Void> handshake) {
			body = handshake.answer();
		}
		else if (outcome instanceof InboundOutcome.Accepted<Void>) {
			body = acceptedBody;
		}
		return (body != null) ? ResponseEntity.ok(body) : ResponseEntity.ok().build();
	}

}
