package io.github.st2chatops.gateway.chat.mattermost;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatCommand;
import io.github.st2chatops.gateway.chat.ChatInboundParser;
import io.github.st2chatops.gateway.chat.ChatRequest;
import io.github.st2chatops.gateway.chat.ChatText;
import io.github.st2chatops.gateway.chat.InboundCommand;
import io.github.st2chatops.gateway.chat.UserNamePreparer;

/**
 * Reads a {@code posted} event of Mattermost's WebSocket, as the server builds it:
 * {@code data.post} is the post as a JSON string, {@code data.channel_type} is {@code D}
 * for a direct channel, {@code data.mentions} (when anyone is mentioned) a JSON string
 * holding an array of user ids, {@code data.team_id} the team (empty for direct
 * channels), {@code broadcast.channel_id} the channel.
 * <p>
 * A post becomes a command that is addressed to the gateway when it mentions the bot or
 * is in a direct channel (the bot only hears direct channels it is in); any other post is
 * handed on unaddressed, so the command pipeline runs it only when it starts with the
 * prefix, as for Slack's channel messages. The bot's own posts, other bots' and webhooks'
 * ({@code props.from_bot}, {@code props.from_webhook}) and system messages (a non-empty
 * {@code type}) run nothing. The reply goes into the post's thread. A post is claimed on
 * its id with the same key as an outgoing webhook's, so it runs once whichever way, and
 * however many replicas, it reaches.
 *
 * @param properties the Mattermost settings
 * @param client looks up user names for user-field: name, and learns thread roots
 * @param bot the bot account, once known
 * @param jsonMapper reads events
 */
record MattermostPostParser(MattermostProperties properties, MattermostClient client, Supplier<MattermostBot> bot,
		JsonMapper jsonMapper) implements ChatInboundParser<MattermostRequest> {

	/** The kind of request of a {@code posted} event. */
	static final String POSTED = "posted";

	@Override
	public Parsed<MattermostRequest> parse(ChatRequest request) {
		JsonNode event;
		JsonNode post;
		try {
			event = this.jsonMapper.readTree(request.body());
			JsonNode postField = event.path("data").path("post");
			post = postField.isString() ? this.jsonMapper.readTree(postField.stringValue()) : postField;
		}
		catch (JacksonException ex) {
			return Parsed.invalid("The posted event or its post is not JSON.");
		}
		MattermostBot bot = this.bot.get();
		if (!POSTED.equals(event.path("event").asString("")) || post == null || !post.isObject() || bot == null) {
			return Parsed.ignored();
		}
		JsonNode data = event.path("data");
		String postId = text(post, "id");
		String userId = text(post, "user_id");
		String channel = (text(post, "channel_id") != null) ? text(post, "channel_id")
				: text(event.path("broadcast"), "channel_id");
		if (postId == null || userId == null || channel == null) {
			return Parsed.invalid("The posted event's post has no id, user_id or channel_id.");
		}
		if (text(post, "type") != null || userId.equals(bot.id()) || flag(post, "from_bot")
				|| flag(post, "from_webhook")) {
			return Parsed.ignored();
		}
		boolean direct = "D".equals(text(data, "channel_type"));
		boolean mentioned = mentions(data).contains(bot.id());
		boolean addressed = direct || mentioned;
		String line = withoutMention(ChatText.normalize(post.path("message").asString("")), bot.username());
		if (addressed && line.isEmpty()) {
			// "@st2" on its own asks what there is
			line = "help";
		}
		String rootId = text(post, "root_id");
		String thread = (rootId != null) ? rootId : postId;
		// the sender replies to the thread's root; no need to read the post to find it
		this.client.rememberRoot(postId, thread);
		this.client.rememberRoot(thread, thread);
		ChatAddress address = new ChatAddress(MattermostConfiguration.PLATFORM, text(data, "team_id"), channel, thread,
				userId, userId, null);
		InboundCommand<MattermostRequest> command = InboundCommand.of(new MattermostRequest(false, postId),
				new ChatCommand(address, line, addressed), this.properties.dedupeWindow(), "mattermost:post:" + postId);
		return Parsed.command((this.properties.userField() == MattermostProperties.UserField.NAME)
				? command.preparedBy(new UserNamePreparer("Mattermost", this.client::username, "")) : command);
	}

	/** The user ids in {@code data.mentions}, a JSON array written as a string. */
	private List<String> mentions(JsonNode data) {
		JsonNode mentions = data.path("mentions");
		try {
			JsonNode ids = mentions.isString() ? this.jsonMapper.readTree(mentions.stringValue()) : mentions;
			return ids.valueStream().filter(JsonNode::isString).map(JsonNode::stringValue).toList();
		}
		catch (JacksonException ex) {
			return List.of();
		}
	}

	/**
	 * The line without a leading {@code @bot} mention (and the colon or comma people type
	 * after it).
	 */
	static String withoutMention(String text, String username) {
		String mention = "@" + username.toLowerCase(Locale.ROOT);
		if (!text.toLowerCase(Locale.ROOT).startsWith(mention)) {
			return text;
		}
		String rest = text.substring(mention.length());
		if (!rest.isEmpty() && !Character.isWhitespace(rest.charAt(0)) && rest.charAt(0) != ':'
				&& rest.charAt(0) != ',') {
			// "@st2bot2" is someone else
			return text;
		}
		return rest.replaceFirst("^[:,]", "").strip();
	}

	/** Mattermost writes these props as the string "true"; a boolean is taken too. */
	private static boolean flag(JsonNode post, String prop) {
		JsonNode value = post.path("props").path(prop);
		return value.asBoolean(false) || "true".equalsIgnoreCase(value.asString(""));
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString() && !value.stringValue().isEmpty()) ? value.stringValue() : null;
	}

}
