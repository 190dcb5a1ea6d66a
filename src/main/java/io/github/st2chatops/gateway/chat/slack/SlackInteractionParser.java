package io.github.st2chatops.gateway.chat.slack;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatCommand;
import io.github.st2chatops.gateway.chat.ChatInboundParser;
import io.github.st2chatops.gateway.chat.ChatRequest;
import io.github.st2chatops.gateway.chat.FormFields;
import io.github.st2chatops.gateway.chat.InboundCommand;

/**
 * Reads Slack's verified interactivity requests: the form field {@code payload} over
 * HTTP, or the JSON payload of a Socket Mode {@code interactive} envelope
 * ({@link #SOCKET}). A {@code block_actions} click on one of the gateway's inquiry
 * buttons (action id {@code st2_inquiry_<n>}, value {@code <inquiry id> <answer>})
 * becomes the line {@code inquiry respond <inquiry id> <answer>} of the user who clicked,
 * in the message's channel and thread; anything else is ignored.
 *
 * @param properties the Slack settings
 * @param jsonMapper reads the payload
 */
record SlackInteractionParser(SlackProperties properties,
		JsonMapper jsonMapper) implements ChatInboundParser<SlackInteraction> {

	/** The kind of request of a Socket Mode {@code interactive} envelope: plain JSON. */
	static final String SOCKET = "socket";

	/** The prefix of the action ids of the gateway's inquiry buttons. */
	static final String ACTION_PREFIX = "st2_inquiry_";

	/** A click is only delivered again within Slack's short retry window. */
	static final Duration CLAIM = Duration.ofMinutes(15);

	@Override
	public Parsed<SlackInteraction> parse(ChatRequest request) {
		JsonNode payload;
		try {
			byte[] json = request.body();
			if (!SOCKET.equals(request.kind())) {
				String field = FormFields.parse(request.body()).get("payload");
				if (field == null) {
					return Parsed.invalid("The interaction has no 'payload' form field.");
				}
				json = field.getBytes(StandardCharsets.UTF_8);
			}
			payload = this.jsonMapper.readTree(json);
		}
		catch (IllegalArgumentException | JacksonException ex) {
			return Parsed.invalid("The interaction's payload is not Slack's JSON.");
		}
		if (payload == null || !payload.isObject() || !"block_actions".equals(text(payload.path("type")))) {
			return Parsed.ignored();
		}
		JsonNode action = payload.path("actions").path(0);
		String actionId = text(action.path("action_id"));
		String value = text(action.path("value"));
		if (actionId == null || !actionId.startsWith(ACTION_PREFIX) || value == null || value.indexOf(' ') <= 0) {
			return Parsed.ignored();
		}
		String userId = text(payload.path("user").path("id"));
		String channel = text(payload.path("channel").path("id"));
		if (channel == null) {
			channel = text(payload.path("container").path("channel_id"));
		}
		String responseUrl = text(payload.path("response_url"));
		if (userId == null || channel == null || responseUrl == null) {
			return Parsed.invalid("The block_actions payload needs user.id, channel.id and response_url.");
		}
		String userName = (this.properties.userField() == SlackProperties.UserField.NAME)
				? text(payload.path("user").path("username")) : userId;
		String team = text(payload.path("team").path("id"));
		JsonNode message = payload.path("message");
		ChatAddress address = new ChatAddress(SlackConfiguration.PLATFORM, team, channel,
				text(message.path("thread_ts")), userId, (userName != null) ? userName : userId, responseUrl);
		ChatCommand command = new ChatCommand(address, "inquiry respond " + value, true);
		List<Object> blocks = message.path("blocks").isArray()
				? this.jsonMapper.convertValue(message.path("blocks"), List.class) : List.of();
		String clicked = String.valueOf(text(action.path("action_ts")));
		return Parsed.command(InboundCommand.of(new SlackInteraction(responseUrl, blocks), command, CLAIM,
				"slack:interaction:" + userId + ":" + text(message.path("ts")) + ":" + clicked));
	}

	private static String text(JsonNode node) {
		return (node != null && node.isString() && !node.stringValue().isEmpty()) ? node.stringValue() : null;
	}

	/**
	 * The message to show in place of the one the button was on: its blocks without the
	 * buttons, and the outcome under them.
	 * @param interaction the click
	 * @param outcome the outcome, e.g. {@code Approved by @alice}
	 * @return the body for the {@code response_url}
	 */
	static Map<String, Object> replacement(SlackInteraction interaction, String outcome) {
		List<Object> blocks = new java.util.ArrayList<>();
		for (Object block : interaction.blocks()) {
			if (!(block instanceof Map<?, ?> map) || !"actions".equals(map.get("type"))) {
				blocks.add(block);
			}
		}
		blocks.add(Map.of("type", "context", "elements",
				List.of(Map.of("type", "mrkdwn", "text", SlackText.escape(outcome)))));
		return Map.of("replace_original", true, "text", SlackText.escape(outcome), "blocks", blocks);
	}

}
