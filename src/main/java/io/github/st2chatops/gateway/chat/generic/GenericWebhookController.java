package io.github.st2chatops.gateway.chat.generic;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import io.github.st2chatops.gateway.chat.ChatPlatform;
import io.github.st2chatops.gateway.chat.ChatWebhookController;
import io.github.st2chatops.gateway.chat.ConditionalOnChatPlatform;
import io.github.st2chatops.gateway.chat.InboundFlow;
import io.github.st2chatops.gateway.chat.InboundOutcome;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /chat/generic}: a signed chat line from any system, through the shared
 * {@link InboundFlow}. Answered 202 at once; the command runs in the background and its
 * replies go to the callback URL.
 */
@RestController
@ConditionalOnChatPlatform(GenericProperties.ENABLED_BY)
class GenericWebhookController extends ChatWebhookController<GenericMessage> {

	GenericWebhookController(InboundFlow flow, ChatPlatform<GenericMessage> platform) {
		super(flow, platform);
	}

	@PostMapping("/chat/generic")
	ResponseEntity<Map<String, Object>> receive(HttpServletRequest request) throws IOException {
		if (accept(request) instanceof InboundOutcome.Duplicate<GenericMessage>) {
			return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("accepted", true, "duplicate", true));
		}
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("accepted", true));
	}

}
