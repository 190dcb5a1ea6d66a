package io.github.st2chatops.gateway.chat.slack;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatCommand;
import io.github.st2chatops.gateway.chat.ChatInboundParser;
import io.github.st2chatops.gateway.chat.ChatRequest;
import io.github.st2chatops.gateway.chat.FormFields;
import io.github.st2chatops.gateway.chat.InboundCommand;
import io.github.st2chatops.gateway.chat.JsonBodies;
import io.github.st2chatops.gateway.chat.UserNamePreparer;

/**
 * Reads Slack's verified requests: slash commands ({@link #COMMANDS}, form-encoded) and
 * the Events API ({@link #EVENTS}, JSON: the {@code url_verification} handshake, or an
 * {@code app_mention} or {@code message} event). Slack's own view of a request is not
 * needed to answer it, so the parser hands none on.
 *
 * @param properties the Slack settings
 * @param userNames looks up user names for user-field: name
 * @param jsonMapper reads events
 */
record SlackInboundParser(SlackProperties properties, SlackUserNames userNames,
		JsonMapper jsonMapper) implements ChatInboundParser<Void> {

	/** The kind of request of {@code /chat/slack/commands}. */
	static final String COMMANDS = "commands";

	/** The kind of request of {@code /chat/slack/events}. */
	static final String EVENTS = "events";

	/** Claims on slash commands only need to outlive the signature's timestamp window. */
	static final Duration COMMAND_CLAIM = Duration.ofMinutes(15);

	/** Message subtypes that are still a person typing a line. */
	private static final Set<String> USER_SUBTYPES = Set.of("thread_broadcast", "file_share");

	private static final Logger logger = LoggerFactory.getLogger(SlackInboundParser.class);

	@Override
	public Parsed<Void> parse(ChatRequest request) {
		return COMMANDS.equals(request.kind()) ? command(request) : event(request);
	}

	/**
	 * A slash command ({@code /st2 pack get st2}), claimed on its {@code trigger_id}.
	 */
	private Parsed<Void> command(ChatRequest request) {
		Map<String, String> form;
		try {
			form = FormFields.parse(request.body());
		}
		catch (IllegalArgumentException ex) {
			return Parsed.invalid("The slash command body is not form-encoded.");
		}
		if ("1".equals(form.get("ssl_check"))) {
			// Slack checking the certificate of a command's HTTPS URL: nothing to run
			return new Parsed.Handshake<>(null);
		}
		List<String> required = (this.properties.userField() == SlackProperties.UserField.NAME)
				? List.of("team_id", "channel_id", "user_id", "response_url", "user_name")
				: List.of("team_id", "channel_id", "user_id", "response_url");
		for (String field : required) {
			String value = form.get(field);
			if (value == null || value.isBlank()) {
				return Parsed.invalid("The slash command payload has no '" + field + "'.");
			}
		}
		String userId = form.get("user_id");
		String userName = (this.properties.userField() == SlackProperties.UserField.NAME) ? form.get("user_name")
				: userId;
		String text = SlackText.clean(form.get("text"), Set.of(), false);
		ChatAddress address = new ChatAddress(SlackConfiguration.PLATFORM, form.get("team_id"), form.get("channel_id"),
				null, userId, userName, form.get("response_url"));
		// "/st2" on its own asks what there is
		ChatCommand command = new ChatCommand(address, text.isEmpty() ? "help" : text, true);
		String triggerId = form.get("trigger_id");
		return Parsed.command((triggerId != null && !triggerId.isBlank())
				? InboundCommand.of(null, command, COMMAND_CLAIM, "slack:command:" + triggerId)
				: InboundCommand.of(null, command, COMMAND_CLAIM));
	}

	/**
	 * An Events API request.
	 */
	private Parsed<Void> event(ChatRequest request) {
		JsonNode payload = JsonBodies.treeOrNull(this.jsonMapper, request.body());
		if (payload == null) {
			return Parsed.invalid("The event body is not JSON.");
		}
		if (!payload.isObject()) {
			return Parsed.invalid("The event body is not a JSON object.");
		}
		String type = text(payload, "type");
		if ("url_verification".equals(type)) {
			String challenge = text(payload, "challenge");
			if (challenge == null) {
				return Parsed.invalid("A url_verification request needs a 'challenge'.");
			}
			return new Parsed.Handshake<>(Map.of("challenge", challenge));
		}
		if (!"event_callback".equals(type)) {
			return Parsed.ignored();
		}
		String eventId = text(payload, "event_id");
		JsonNode event = payload.get("event");
		if (eventId == null || event == null || !event.isObject()) {
			return Parsed.invalid("An event_callback needs an 'event_id' and an 'event' object.");
		}
		String retryNum = request.header("X-Slack-Retry-Num");
		if (retryNum != null) {
			logger.info("Slack retried event {} (try {}, {})", eventId, retryNum,
					request.header("X-Slack-Retry-Reason"));
		}
		return message(payload, eventId, event);
	}

	private Parsed<Void> message(JsonNode payload, String eventId, JsonNode event) {
		String eventType = text(event, "type");
		boolean appMention = "app_mention".equals(eventType);
		Set<String> botUserIds = botUserIds(payload);
		String channel = text(event, "channel");
		String user = text(event, "user");
		String ts = text(event, "ts");
		String eventText = text(event, "text");
		if (!(appMention || "message".equals(eventType)) || channel == null || ts == null
				|| fromBotOrNotTyped(event, user, botUserIds)
				|| (!appMention && botUserIds.isEmpty() && eventText != null && eventText.contains("<@"))) {
			// a message that mentions someone while the app's own id is unknown is left
			// to its app_mention event, which cannot be mistaken
			return Parsed.ignored();
		}
		boolean direct = "im".equals(text(event, "channel_type"));
		boolean addressed = appMention || direct || SlackText.mentions(eventText, botUserIds);
		String threadTs = text(event, "thread_ts");
		// replies go in the message's thread; a top-level DM is answered at the top level
		String thread = (threadTs != null) ? threadTs : (direct ? null : ts);
		String workspace = (text(payload, "team_id") != null) ? text(payload, "team_id") : text(event, "team");
		String cleaned = SlackText.clean(eventText, botUserIds, appMention);
		// "@st2" on its own asks what there is
		String line = (addressed && cleaned.isEmpty()) ? "help" : cleaned;
		ChatAddress address = new ChatAddress(SlackConfiguration.PLATFORM, workspace, channel, thread, user, user,
				null);
		// the same message arrives as both app_mention and message: claim both ids
		InboundCommand<Void> command = InboundCommand.of(null, new ChatCommand(address, line, addressed),
				this.properties.dedupeWindow(), "slack:event:" + eventId, "slack:message:" + channel + ":" + ts);
		return Parsed.command((this.properties.userField() == SlackProperties.UserField.NAME) ? command.preparedBy(
				new UserNamePreparer("Slack", this.userNames::nameOf, " (its Slack app may lack the users:read scope)"))
				: command);
	}

	private static boolean fromBotOrNotTyped(JsonNode event, String user, Set<String> botUserIds) {
		String subtype = text(event, "subtype");
		return event.hasNonNull("bot_id") || event.path("hidden").asBoolean(false) || user == null
				|| botUserIds.contains(user) || (subtype != null && !USER_SUBTYPES.contains(subtype));
	}

	/** The app's own users, from the event's {@code authorizations}. */
	private static Set<String> botUserIds(JsonNode payload) {
		Set<String> ids = new LinkedHashSet<>();
		for (JsonNode authorization : payload.path("authorizations")) {
			String userId = text(authorization, "user_id");
			if (userId != null && authorization.path("is_bot").asBoolean(false)) {
				ids.add(userId);
			}
		}
		return ids;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString() && !value.stringValue().isEmpty()) ? value.stringValue() : null;
	}

}
