package io.github.st2chatops.gateway.chat.mattermost;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.st2chatops.gateway.chat.ChatPlatform;
import io.github.st2chatops.gateway.chat.ChatRequest;
import io.github.st2chatops.gateway.chat.ConditionalOnChatPlatform;
import io.github.st2chatops.gateway.chat.InboundFlow;
import io.github.st2chatops.gateway.chat.InboundOutcome;
import io.github.st2chatops.gateway.chat.InquiryProperties;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /chat/mattermost/actions}: a click on an inquiry button of an interactive
 * message, through the shared {@link InboundFlow}. Answered with Mattermost's action
 * response: the post updated in place, or a refusal only the clicking user sees. A click
 * slower than {@code reply-deadline} is answered in the channel instead.
 */
@RestController
@ConditionalOnChatPlatform(MattermostProperties.ENABLED_BY)
class MattermostActionController {

	private final InboundFlow flow;

	private final ChatPlatform<Void> platform;

	MattermostActionController(InboundFlow flow, MattermostProperties properties, InquiryProperties inquiries,
			JsonMapper jsonMapper) {
		this.flow = flow;
		this.platform = new ChatPlatform<>(MattermostConfiguration.PLATFORM,
				MattermostActions.verifier(inquiries, jsonMapper), MattermostActions.parser(properties, jsonMapper),
				properties.replyDeadline());
	}

	@PostMapping("/chat/mattermost/actions")
	ResponseEntity<Map<String, Object>> action(HttpServletRequest request) throws IOException {
		InboundOutcome<Void> outcome = this.flow.accept(this.platform, ChatRequest.read(request));
		if (outcome instanceof InboundOutcome.Refused<Void> refused) {
			throw refused.problem().toException();
		}
		if (outcome instanceof InboundOutcome.Accepted<Void> accepted && accepted.replies().isPresent()) {
			return ResponseEntity.ok(MattermostActions.response(accepted.replies().get()));
		}
		return ResponseEntity.ok(Map.of());
	}

}
