package io.github.st2chatops.gateway.chat.generic;

import java.time.Duration;
import java.util.Locale;

import tools.jackson.databind.json.JsonMapper;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatCommand;
import io.github.st2chatops.gateway.chat.ChatInboundParser;
import io.github.st2chatops.gateway.chat.ChatRequest;
import io.github.st2chatops.gateway.chat.ChatText;
import io.github.st2chatops.gateway.chat.InboundCommand;
import io.github.st2chatops.gateway.chat.JsonBodies;

/**
 * Reads a verified generic webhook request {@code {text, user, channel, thread?}}. The
 * signature is the claim key: a replayed request is a duplicate.
 *
 * @param jsonMapper reads the message
 */
record GenericInboundParser(JsonMapper jsonMapper) implements ChatInboundParser<GenericMessage> {

	/**
	 * How long a seen signature is remembered: a signed request is valid for the window
	 * either side of our clock, so twice the window covers every replay.
	 */
	static final Duration REPLAY_WINDOW = GenericRequestVerifier.WINDOW.multipliedBy(2);

	private static final String SHAPE = "The body must be a JSON object {\"text\", \"user\", \"channel\", \"thread\"?}.";

	@Override
	public Parsed<GenericMessage> parse(ChatRequest request) {
		GenericMessage message = JsonBodies.readOrNull(this.jsonMapper, request.body(), GenericMessage.class);
		if (message == null) {
			return Parsed.invalid(SHAPE);
		}
		String problem = message.problem();
		if (problem != null) {
			return Parsed.invalid(problem);
		}
		ChatAddress address = new ChatAddress(GenericConfiguration.PLATFORM, null, message.channel(),
				blankToNull(message.thread()), message.user(), message.user(), null);
		String signature = request.header(GenericSignature.SIGNATURE_HEADER).strip().toLowerCase(Locale.ROOT);
		// a generic caller always means the gateway, so no prefix is needed
		ChatCommand command = new ChatCommand(address, ChatText.normalize(message.text()), true);
		return Parsed.command(InboundCommand.of(message, command, REPLAY_WINDOW, "generic:signature:" + signature));
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
