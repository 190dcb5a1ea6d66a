package io.github.st2chatops.gateway.chat.slack;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.st2chatops.gateway.chat.ChatRequest;
import io.github.st2chatops.gateway.chat.ConditionalOnChatPlatform;
import io.github.st2chatops.gateway.chat.InboundOutcome;

/**
 * {@code POST /chat/slack/interactions}: Slack's interactivity requests (the app's
 * Interactivity Request URL), signed like the other Slack requests. A click on an inquiry
 * button answers the inquiry as the user who clicked; it is answered 200 at once and the
 * message is updated through the click's {@code response_url}.
 */
@RestController
@ConditionalOnChatPlatform(SlackProperties.ENABLED_BY)
class SlackInteractionController {

	private final SlackInteractions interactions;

	SlackInteractionController(SlackInteractions interactions) {
		this.interactions = interactions;
	}

	@PostMapping("/chat/slack/interactions")
	ResponseEntity<Void> interaction(HttpServletRequest request) throws IOException {
		InboundOutcome<SlackInteraction> outcome = this.interactions.accept(ChatRequest.read(request));
		if (outcome instanceof InboundOutcome.Refused<SlackInteraction> refused) {
			throw refused.problem().toException();
		}
		return ResponseEntity.ok().build();
	}

}
