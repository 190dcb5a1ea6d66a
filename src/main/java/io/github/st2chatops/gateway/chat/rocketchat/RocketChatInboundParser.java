package io.github.st2chatops.gateway.chat.rocketchat;

import java.time.Duration;

import tools.jackson.databind.json.JsonMapper;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatCommand;
import io.github.st2chatops.gateway.chat.ChatInboundParser;
import io.github.st2chatops.gateway.chat.ChatRequest;
import io.github.st2chatops.gateway.chat.ChatText;
import io.github.st2chatops.gateway.chat.InboundCommand;
import io.github.st2chatops.gateway.chat.JsonBodies;

/**
 * Reads a verified Rocket.Chat outgoing webhook message. Bots are ignored; each
 * {@code message_id} is claimed.
 *
 * @param properties the Rocket.Chat settings
 * @param jsonMapper reads the message
 */
record RocketChatInboundParser(RocketChatProperties properties,
		JsonMapper jsonMapper) implements ChatInboundParser<RocketChatOutgoingMessage> {

	/**
	 * How long a message id is remembered: longer than Rocket.Chat's own retries of a
	 * failed outgoing webhook call with its default settings (up to about 17 minutes).
	 */
	static final Duration DEDUPE_WINDOW = Duration.ofHours(1);

	@Override
	public Parsed<RocketChatOutgoingMessage> parse(ChatRequest request) {
		RocketChatOutgoingMessage message = JsonBodies.readOrNull(this.jsonMapper, request.body(),
				RocketChatOutgoingMessage.class);
		if (message == null) {
			return Parsed.invalid(RocketChatRequestVerifier.NOT_A_MESSAGE);
		}
		if (message.fromBot()) {
			return Parsed.ignored();
		}
		String problem = message.problem();
		if (problem != null) {
			return Parsed.invalid(problem);
		}
		String userName = (this.properties.userField() == RocketChatUserField.USER_ID) ? message.userId()
				: message.userName();
		ChatAddress address = new ChatAddress(RocketChatConfiguration.PLATFORM, null, message.channelId(),
				blankToNull(message.tmid()), message.userId(), userName, null);
		return Parsed.command(InboundCommand.of(message, command(address, message), DEDUPE_WINDOW,
				"rocketchat:message:" + message.messageId()));
	}

	private static ChatCommand command(ChatAddress address, RocketChatOutgoingMessage message) {
		String text = ChatText.normalize(message.text());
		boolean addressed = false;
		String trigger = message.triggerWord();
		// a trigger word like "@st2" is the bot's mention: drop it, no prefix needed
		if (trigger != null && trigger.startsWith("@") && text.startsWith(trigger)) {
			text = text.substring(trigger.length()).strip();
			addressed = true;
		}
		// direct message rooms have no name: a DM to the bot needs no prefix
		if (message.channelName() == null) {
			addressed = true;
		}
		return new ChatCommand(address, text, addressed);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
