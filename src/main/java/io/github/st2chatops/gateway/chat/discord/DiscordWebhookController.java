package io.github.st2chatops.gateway.chat.discord;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.st2chatops.gateway.chat.ChatWebhookController;
import io.github.st2chatops.gateway.chat.ChatPlatform;
import io.github.st2chatops.gateway.chat.ConditionalOnChatPlatform;
import io.github.st2chatops.gateway.chat.InboundFlow;
import io.github.st2chatops.gateway.chat.InboundOutcome;

/**
 * {@code POST /chat/discord}: Discord's Interactions endpoint, through the shared
 * {@link InboundFlow}. {@code PING} gets {@code PONG}; the {@code /st2} command gets a
 * deferred answer at once ({@code DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE}, Discord shows
 * that the bot is thinking) and its ack follows through the interaction's webhook; a bad
 * signature gets 401 problem details and runs nothing.
 */
@RestController
@RequestMapping("/chat/discord")
@ConditionalOnChatPlatform(DiscordProperties.ENABLED_BY)
class DiscordWebhookController extends ChatWebhookController<DiscordInteraction> {

	/** Discord's callback type of an answer that follows later. */
	static final int DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE = 5;

	/** Discord's callback type of an answer with a message. */
	static final int CHANNEL_MESSAGE_WITH_SOURCE = 4;

	static final String NOT_A_COMMAND = "The gateway only runs its slash command; nothing ran.";

	DiscordWebhookController(InboundFlow flow, ChatPlatform<DiscordInteraction> platform) {
		super(flow, platform);
	}

	/**
	 * An interaction.
	 * @param request the request
	 * @return 200 with an interaction callback
	 * @throws IOException when the body cannot be read
	 */
	@PostMapping
	ResponseEntity<Object> receive(HttpServletRequest request) throws IOException {
		InboundOutcome<DiscordInteraction> outcome = accept(request);
		if (outcome instanceof InboundOutcome.Handshake<DiscordInteraction> handshake) {
			return ResponseEntity.ok(handshake.answer());
		}
		if (outcome instanceof InboundOutcome.Ignored<DiscordInteraction>) {
			return ResponseEntity.ok(Map.of("type", CHANNEL_MESSAGE_WITH_SOURCE, "data",
					Map.of("content", NOT_A_COMMAND, "flags", DiscordSender.EPHEMERAL)));
		}
		// accepted, or a duplicate: Discord takes one answer per interaction, and the
		// first delivery's command sends the follow-up
		return ResponseEntity.ok(Map.of("type", DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE));
	}

}
