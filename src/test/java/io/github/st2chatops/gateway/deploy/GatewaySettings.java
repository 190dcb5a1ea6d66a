package io.github.st2chatops.gateway.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which chart value sets which application property: the chart's contract with the
 * application. Values paths are separated by {@code /} (a key may hold dots, like a
 * logger name).
 */
final class GatewaySettings {

	/** Stands for {@code <name>} of {@code gateway.api.keys.<name>.*}. */
	static final String API_KEY_NAME = "ops";

	/** Stands for {@code <channel id>} of {@code gateway.chat.teams.workflow-urls.*}. */
	static final String TEAMS_CHANNEL = "19:abc123@thread.tacv2";

	/** Mounted by the chart; the property holds the path of the file. */
	static final String CA_BUNDLE = "gateway.st2.ca-bundle";

	/** A map keyed by channel id, which no environment variable name can hold. */
	static final String TEAMS_WORKFLOW_URLS = "gateway.chat.teams.workflow-urls";

	/** An ordered list of rules, set as indexed environment variables. */
	static final String ACCESS_RULES = "gateway.access.rules";

	/** Application property to the chart value that sets it. */
	static final Map<String, String> BY_PROPERTY = properties();

	/** Values that are credentials: the chart puts them in its Secret only. */
	static final Set<String> CREDENTIALS = Set.of("st2/apiKey", "st2/authToken", "st2/password", "api/keys/ops/token",
			"relay/token", "chat/slack/appToken", "chat/slack/signingSecret", "chat/slack/botToken",
			"chat/mattermost/token", "chat/mattermost/botToken", "chat/teams/securityToken",
			"chat/teams/defaultWorkflowUrl", "chat/teams/workflowUrls", "chat/rocketchat/token",
			"chat/rocketchat/webhookUrl", "chat/discord/botToken", "chat/generic/secret", "inquiry/signingSecret");

	/**
	 * The settings of the original design that docs/configuration.md does not list yet
	 * (their features are being built): chat platforms, relay, rate limits.
	 */
	static final List<String> DESIGN_SETTINGS = List.of("gateway.chat.slack.signing-secret",
			"gateway.chat.slack.bot-token", "gateway.chat.slack.api-url", "gateway.chat.mattermost.token",
			"gateway.chat.mattermost.url", "gateway.chat.mattermost.bot-token", "gateway.chat.teams.security-token",
			"gateway.chat.teams.workflow-urls.<channel id>", "gateway.chat.teams.default-workflow-url",
			"gateway.chat.rocketchat.token", "gateway.chat.rocketchat.webhook-url", "gateway.chat.generic.secret",
			"gateway.chat.generic.callback-url", "gateway.chat.discord.public-key",
			"gateway.chat.discord.application-id", "gateway.chat.discord.bot-token", "gateway.chat.discord.api-url",
			"gateway.relay.token", "gateway.relay.stream.enabled", "gateway.rate-limit.enabled",
			"gateway.rate-limit.per-user", "gateway.rate-limit.per-channel", "gateway.api.keys.<name>.token",
			"gateway.api.keys.<name>.user", "gateway.state.store", "gateway.state.key-prefix");

	/** Spring Boot's own settings the deployment must control. */
	static final List<String> OPERATIONS_SETTINGS = List.of("server.port", "management.server.port",
			"logging.structured.format.console", "logging.level.io.github.st2chatops");

	private GatewaySettings() {
	}

	private static Map<String, String> properties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("server.port", "containerPorts/http");
		properties.put("management.server.port", "containerPorts/management");
		properties.put("logging.structured.format.console", "logging/structuredFormat");
		// a logger name: its dots stay in one key
		properties.put("logging.level.io.github.st2chatops", "logging/level/io.github.st2chatops");
		List.of("gateway.st2.url", "gateway.st2.api-url", "gateway.st2.auth-url", "gateway.st2.stream-url",
				"gateway.st2.web-url", "gateway.st2.route", "gateway.st2.api-key", "gateway.st2.auth-token",
				"gateway.st2.username", "gateway.st2.password", "gateway.st2.ttl", "gateway.st2.token-renewal-margin",
				"gateway.st2.connect-timeout", "gateway.st2.read-timeout", "gateway.st2.verify-tls", CA_BUNDLE,
				"gateway.st2.page-size", "gateway.st2.impersonation.enabled", "gateway.st2.impersonation.users",
				"gateway.st2.impersonation.nickname-platforms", "gateway.st2.impersonation.fallback",
				"gateway.st2.retry.max-retries", "gateway.st2.retry.delay", "gateway.catalog.refresh-interval",
				"gateway.catalog.max-age", "gateway.command.prefix", "gateway.command.help-page-size",
				"gateway.command.max-length", "gateway.api.keys.ops.token", "gateway.api.keys.ops.user",
				"gateway.api.keys.ops.any-user", "gateway.access.default", "gateway.access.direct-messages",
				"gateway.access.channels", ACCESS_RULES, "gateway.rate-limit.enabled", "gateway.rate-limit.per-user",
				"gateway.rate-limit.per-channel", "gateway.chat.delivery.timeout",
				"gateway.chat.delivery.initial-backoff", "gateway.chat.delivery.max-backoff",
				"gateway.chat.delivery.files.enabled", "gateway.chat.delivery.files.min-length",
				"gateway.chat.slack.signing-secret", "gateway.chat.slack.bot-token", "gateway.chat.slack.api-url",
				"gateway.chat.mattermost.token", "gateway.chat.mattermost.url", "gateway.chat.mattermost.bot-token",
				"gateway.chat.teams.security-token", "gateway.chat.teams.default-workflow-url",
				"gateway.chat.rocketchat.token", "gateway.chat.rocketchat.webhook-url",
				"gateway.chat.discord.bot-token", "gateway.chat.generic.secret", "gateway.chat.generic.callback-url",
				"gateway.chat.slack.user-field", "gateway.chat.slack.message-limit", "gateway.chat.slack.dedupe-window",
				"gateway.chat.slack.timeout", "gateway.chat.slack.response-url-hosts", "gateway.chat.slack.app-token",
				"gateway.chat.slack.socket-mode.enabled", "gateway.chat.slack.socket-mode.connections",
				"gateway.chat.slack.socket-mode.ping-interval", "gateway.chat.mattermost.user-field",
				"gateway.chat.mattermost.reply-deadline", "gateway.chat.mattermost.message-limit",
				"gateway.chat.mattermost.dedupe-window", "gateway.chat.mattermost.timeout",
				"gateway.chat.mattermost.response-url-hosts", "gateway.chat.mattermost.websocket.enabled",
				"gateway.chat.mattermost.websocket.ping-interval", "gateway.chat.mattermost.websocket.url",
				"gateway.chat.teams.user-field", "gateway.chat.teams.reply-deadline",
				"gateway.chat.teams.max-message-length", "gateway.chat.rocketchat.user-field",
				"gateway.chat.rocketchat.reply-deadline", "gateway.chat.rocketchat.max-message-length",
				"gateway.chat.discord.public-key", "gateway.chat.discord.application-id",
				"gateway.chat.discord.api-url", "gateway.chat.discord.command-name", "gateway.chat.discord.user-field",
				"gateway.chat.discord.message-limit", "gateway.chat.discord.dedupe-window",
				"gateway.chat.discord.timeout", "gateway.chat.generic.max-message-length", "gateway.relay.token",
				"gateway.relay.dedupe-window", "gateway.relay.max-body-size", "gateway.relay.max-message-length",
				"gateway.relay.stream.enabled", "gateway.relay.stream.idle-timeout",
				"gateway.relay.stream.initial-backoff", "gateway.relay.stream.max-backoff",
				"gateway.relay.stream.stable-after", "gateway.relay.stream.connect-timeout",
				"gateway.relay.stream.lock-ttl", "gateway.relay.stream.redeliveries",
				"gateway.relay.stream.queue-capacity", "gateway.relay.stream.delivery-concurrency",
				"gateway.inquiry.routes.ops", "gateway.inquiry.public-url", "gateway.inquiry.signing-secret",
				"gateway.state.store", "gateway.state.key-prefix", "gateway.web.max-body-size",
				"gateway.web.body-read-timeout")
			.forEach((property) -> properties.put(property, valuesPath(property)));
		// one chart value holds the whole map
		properties.put(TEAMS_WORKFLOW_URLS + "." + TEAMS_CHANNEL, "chat/teams/workflowUrls");
		return properties;
	}

	/**
	 * The chart's naming rule: a property's path below {@code gateway}, each kebab-case
	 * name in camelCase.
	 * @param property e.g. {@code gateway.st2.impersonation.nickname-platforms}
	 * @return e.g. {@code st2/impersonation/nicknamePlatforms}
	 */
	static String valuesPath(String property) {
		String path = property.substring("gateway.".length()).replace('.', '/');
		return Pattern.compile("-([a-z])").matcher(path).replaceAll((match) -> match.group(1).toUpperCase(Locale.ROOT));
	}

	/**
	 * A documented property name with its placeholders filled in.
	 * @param documented e.g. {@code gateway.api.keys.<name>.token}
	 * @return e.g. {@code gateway.api.keys.ops.token}
	 */
	static String concrete(String documented) {
		return documented.replace("<name>", API_KEY_NAME).replace("<channel id>", TEAMS_CHANNEL);
	}

}
