package io.github.st2chatops.gateway.chat.discord;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatCommand;
import io.github.st2chatops.gateway.chat.ChatCommandPreparer.Prepared;
import io.github.st2chatops.gateway.chat.ChatInboundParser;
import io.github.st2chatops.gateway.chat.ChatRequest;
import io.github.st2chatops.gateway.chat.ChatText;
import io.github.st2chatops.gateway.chat.InboundCommand;
import io.github.st2chatops.gateway.chat.JsonBodies;

/**
 * Reads Discord's verified interactions: {@code PING} (type 1) is the handshake, answered
 * with {@code PONG}; an {@code APPLICATION_COMMAND} (type 2) of the gateway's chat-input
 * command ({@code /st2 command:<line>}) is the one command, claimed on the interaction's
 * id; anything else runs nothing.
 * <p>
 * The command's address holds the interaction's webhook URL as its response URL
 * ({@code <api-url>/webhooks/<application id>/<token>}), through which the ack goes as
 * the follow-up of the deferred answer. The user is {@code member.user} in a server and
 * {@code user} in a DM.
 *
 * @param properties the Discord settings
 * @param interactions what the sender needs to tell an ack from a result
 * @param jsonMapper reads interactions
 */
record DiscordInboundParser(DiscordProperties properties, DiscordInteractions interactions,
		JsonMapper jsonMapper) implements ChatInboundParser<DiscordInteraction> {

	/** Discord's interaction type of its endpoint check. */
	static final int PING = 1;

	/** Discord's interaction type of a command. */
	static final int APPLICATION_COMMAND = 2;

	/**
	 * Discord's command type of a slash command (as opposed to a user or message
	 * command).
	 */
	static final int CHAT_INPUT = 1;

	/** Discord's option type of a string. */
	static final int STRING_OPTION = 3;

	/** The name of the command's one option: the line to run. */
	static final String COMMAND_OPTION = "command";

	/** The answer to {@code PING}: {@code PONG}. */
	static final Map<String, Object> PONG = Map.of("type", 1);

	@Override
	public Parsed<DiscordInteraction> parse(ChatRequest request) {
		JsonNode interaction = JsonBodies.treeOrNull(this.jsonMapper, request.body());
		if (interaction == null) {
			return Parsed.invalid("The Discord interaction is not JSON.");
		}
		if (!interaction.isObject() || !interaction.path("type").isIntegralNumber()) {
			return Parsed.invalid("The Discord interaction has no 'type'.");
		}
		int type = interaction.path("type").asInt();
		if (type == PING) {
			return new Parsed.Handshake<>(PONG);
		}
		if (type != APPLICATION_COMMAND) {
			return Parsed.ignored();
		}
		JsonNode data = interaction.path("data");
		if (!this.properties.commandName().equals(data.path("name").asString(""))
				|| data.path("type").asInt(CHAT_INPUT) != CHAT_INPUT) {
			return Parsed.ignored();
		}
		String id = text(interaction, "id");
		String token = text(interaction, "token");
		String channel = text(interaction, "channel_id");
		if (channel == null) {
			channel = text(interaction.path("channel"), "id");
		}
		JsonNode user = interaction.path("member").path("user");
		if (!user.isObject()) {
			user = interaction.path("user");
		}
		String userId = text(user, "id");
		for (String[] field : new String[][] { { "id", id }, { "token", token }, { "channel_id", channel },
				{ "member.user.id or user.id", userId } }) {
			if (field[1] == null) {
				return Parsed.invalid("The Discord interaction has no '" + field[0] + "'.");
			}
		}
		String userName = (this.properties.userField() == DiscordProperties.UserField.NAME) ? text(user, "username")
				: userId;
		if (userName == null) {
			return Parsed.invalid("The Discord interaction has no 'username'.");
		}
		ChatAddress address = new ChatAddress(DiscordConfiguration.PLATFORM, text(interaction, "guild_id"), channel,
				null, userId, userName, this.interactions.webhookUrl(token));
		String line = ChatText.normalize(line(data));
		// "/st2" without a line asks what there is
		ChatCommand command = new ChatCommand(address, line.isEmpty() ? "help" : line, true);
		DiscordInteraction message = new DiscordInteraction(id, token);
		return Parsed
			.command(InboundCommand.of(message, command, this.properties.dedupeWindow(), "discord:interaction:" + id)
				// runs on this replica just before the command: its replies are the ack
				.preparedBy((ready) -> {
					this.interactions.awaitAck(token);
					return new Prepared.Ready(ready);
				}));
	}

	/** The value of the {@code command} option, or an empty line without one. */
	private static String line(JsonNode data) {
		for (JsonNode option : data.path("options")) {
			if (COMMAND_OPTION.equals(option.path("name").asString(""))
					&& option.path("type").asInt(STRING_OPTION) == STRING_OPTION) {
				return option.path("value").asString("").strip();
			}
		}
		return "";
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		if (value.isString() && !value.asString().isBlank()) {
			return value.asString();
		}
		return null;
	}

}
