package io.github.st2chatops.gateway.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
		properties.put("logging.level.io.github.st2chatops", "logging/level/io.github.st2chatops");
		properties.put("gateway.st2.url", "st2/url");
		properties.put("gateway.st2.api-url", "st2/apiUrl");
		properties.put("gateway.st2.auth-url", "st2/authUrl");
		properties.put("gateway.st2.stream-url", "st2/streamUrl");
		properties.put("gateway.st2.web-url", "st2/webUrl");
		properties.put("gateway.st2.route", "st2/route");
		properties.put("gateway.st2.api-key", "st2/apiKey");
		properties.put("gateway.st2.auth-token", "st2/authToken");
		properties.put("gateway.st2.username", "st2/username");
		properties.put("gateway.st2.password", "st2/password");
		properties.put("gateway.st2.ttl", "st2/ttl");
		properties.put("gateway.st2.token-renewal-margin", "st2/tokenRenewalMargin");
		properties.put("gateway.st2.connect-timeout", "st2/connectTimeout");
		properties.put("gateway.st2.read-timeout", "st2/readTimeout");
		properties.put("gateway.st2.verify-tls", "st2/verifyTls");
		properties.put(CA_BUNDLE, "st2/caBundle");
		properties.put("gateway.st2.page-size", "st2/pageSize");
		properties.put("gateway.st2.impersonation.enabled", "st2/impersonation/enabled");
		properties.put("gateway.st2.impersonation.users", "st2/impersonation/users");
		properties.put("gateway.st2.impersonation.nickname-platforms", "st2/impersonation/nicknamePlatforms");
		properties.put("gateway.st2.impersonation.fallback", "st2/impersonation/fallback");
		properties.put("gateway.st2.retry.max-retries", "st2/retry/maxRetries");
		properties.put("gateway.st2.retry.delay", "st2/retry/delay");
		properties.put("gateway.catalog.refresh-interval", "catalog/refreshInterval");
		properties.put("gateway.catalog.max-age", "catalog/maxAge");
		properties.put("gateway.command.prefix", "command/prefix");
		properties.put("gateway.command.help-page-size", "command/helpPageSize");
		properties.put("gateway.command.max-length", "command/maxLength");
		properties.put("gateway.api.keys.ops.token", "api/keys/ops/token");
		properties.put("gateway.api.keys.ops.user", "api/keys/ops/user");
		properties.put("gateway.api.keys.ops.any-user", "api/keys/ops/anyUser");
		properties.put("gateway.access.default", "access/default");
		properties.put("gateway.access.direct-messages", "access/directMessages");
		properties.put("gateway.access.channels", "access/channels");
		properties.put(ACCESS_RULES, "access/rules");
		properties.put("gateway.rate-limit.enabled", "rateLimit/enabled");
		properties.put("gateway.rate-limit.per-user", "rateLimit/perUser");
		properties.put("gateway.rate-limit.per-channel", "rateLimit/perChannel");
		properties.put("gateway.chat.delivery.timeout", "chat/delivery/timeout");
		properties.put("gateway.chat.delivery.initial-backoff", "chat/delivery/initialBackoff");
		properties.put("gateway.chat.delivery.max-backoff", "chat/delivery/maxBackoff");
		properties.put("gateway.chat.delivery.files.enabled", "chat/delivery/files/enabled");
		properties.put("gateway.chat.delivery.files.min-length", "chat/delivery/files/minLength");
		properties.put("gateway.chat.slack.signing-secret", "chat/slack/signingSecret");
		properties.put("gateway.chat.slack.bot-token", "chat/slack/botToken");
		properties.put("gateway.chat.slack.api-url", "chat/slack/apiUrl");
		properties.put("gateway.chat.mattermost.token", "chat/mattermost/token");
		properties.put("gateway.chat.mattermost.url", "chat/mattermost/url");
		properties.put("gateway.chat.mattermost.bot-token", "chat/mattermost/botToken");
		properties.put("gateway.chat.teams.security-token", "chat/teams/securityToken");
		properties.put("gateway.chat.teams.default-workflow-url", "chat/teams/defaultWorkflowUrl");
		properties.put(TEAMS_WORKFLOW_URLS + "." + TEAMS_CHANNEL, "chat/teams/workflowUrls");
		properties.put("gateway.chat.rocketchat.token", "chat/rocketchat/token");
		properties.put("gateway.chat.rocketchat.webhook-url", "chat/rocketchat/webhookUrl");
		properties.put("gateway.chat.discord.bot-token", "chat/discord/botToken");
		properties.put("gateway.chat.generic.secret", "chat/generic/secret");
		properties.put("gateway.chat.generic.callback-url", "chat/generic/callbackUrl");
		properties.put("gateway.chat.slack.user-field", "chat/slack/userField");
		properties.put("gateway.chat.slack.message-limit", "chat/slack/messageLimit");
		properties.put("gateway.chat.slack.dedupe-window", "chat/slack/dedupeWindow");
		properties.put("gateway.chat.slack.timeout", "chat/slack/timeout");
		properties.put("gateway.chat.slack.response-url-hosts", "chat/slack/responseUrlHosts");
		properties.put("gateway.chat.slack.app-token", "chat/slack/appToken");
		properties.put("gateway.chat.slack.socket-mode.enabled", "chat/slack/socketMode/enabled");
		properties.put("gateway.chat.slack.socket-mode.connections", "chat/slack/socketMode/connections");
		properties.put("gateway.chat.slack.socket-mode.ping-interval", "chat/slack/socketMode/pingInterval");
		properties.put("gateway.chat.mattermost.user-field", "chat/mattermost/userField");
		properties.put("gateway.chat.mattermost.reply-deadline", "chat/mattermost/replyDeadline");
		properties.put("gateway.chat.mattermost.message-limit", "chat/mattermost/messageLimit");
		properties.put("gateway.chat.mattermost.dedupe-window", "chat/mattermost/dedupeWindow");
		properties.put("gateway.chat.mattermost.timeout", "chat/mattermost/timeout");
		properties.put("gateway.chat.mattermost.response-url-hosts", "chat/mattermost/responseUrlHosts");
		properties.put("gateway.chat.mattermost.websocket.enabled", "chat/mattermost/websocket/enabled");
		properties.put("gateway.chat.mattermost.websocket.ping-interval", "chat/mattermost/websocket/pingInterval");
		properties.put("gateway.chat.mattermost.websocket.url", "chat/mattermost/websocket/url");
		properties.put("gateway.chat.teams.user-field", "chat/teams/userField");
		properties.put("gateway.chat.teams.reply-deadline", "chat/teams/replyDeadline");
		properties.put("gateway.chat.teams.max-message-length", "chat/teams/maxMessageLength");
		properties.put("gateway.chat.rocketchat.user-field", "chat/rocketchat/userField");
		properties.put("gateway.chat.rocketchat.reply-deadline", "chat/rocketchat/replyDeadline");
		properties.put("gateway.chat.rocketchat.max-message-length", "chat/rocketchat/maxMessageLength");
		properties.put("gateway.chat.discord.public-key", "chat/discord/publicKey");
		properties.put("gateway.chat.discord.application-id", "chat/discord/applicationId");
		properties.put("gateway.chat.discord.api-url", "chat/discord/apiUrl");
		properties.put("gateway.chat.discord.command-name", "chat/discord/commandName");
		properties.put("gateway.chat.discord.user-field", "chat/discord/userField");
		properties.put("gateway.chat.discord.message-limit", "chat/discord/messageLimit");
		properties.put("gateway.chat.discord.dedupe-window", "chat/discord/dedupeWindow");
		properties.put("gateway.chat.discord.timeout", "chat/discord/timeout");
		properties.put("gateway.chat.generic.max-message-length", "chat/generic/maxMessageLength");
		properties.put("gateway.relay.token", "relay/token");
		properties.put("gateway.relay.dedupe-window", "relay/dedupeWindow");
		properties.put("gateway.relay.max-body-size", "relay/maxBodySize");
		properties.put("gateway.relay.max-message-length", "relay/maxMessageLength");
		properties.put("gateway.relay.stream.enabled", "relay/stream/enabled");
		properties.put("gateway.relay.stream.idle-timeout", "relay/stream/idleTimeout");
		properties.put("gateway.relay.stream.initial-backoff", "relay/stream/initialBackoff");
		properties.put("gateway.relay.stream.max-backoff", "relay/stream/maxBackoff");
		properties.put("gateway.relay.stream.stable-after", "relay/stream/stableAfter");
		properties.put("gateway.relay.stream.connect-timeout", "relay/stream/connectTimeout");
		properties.put("gateway.relay.stream.lock-ttl", "relay/stream/lockTtl");
		properties.put("gateway.relay.stream.redeliveries", "relay/stream/redeliveries");
		properties.put("gateway.relay.stream.queue-capacity", "relay/stream/queueCapacity");
		properties.put("gateway.relay.stream.delivery-concurrency", "relay/stream/deliveryConcurrency");
		properties.put("gateway.inquiry.routes.ops", "inquiry/routes/ops");
		properties.put("gateway.inquiry.public-url", "inquiry/publicUrl");
		properties.put("gateway.inquiry.signing-secret", "inquiry/signingSecret");
		properties.put("gateway.state.store", "state/store");
		properties.put("gateway.state.key-prefix", "state/keyPrefix");
		properties.put("gateway.web.max-body-size", "web/maxBodySize");
		properties.put("gateway.web.body-read-timeout", "web/bodyReadTimeout");
		return properties;
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
