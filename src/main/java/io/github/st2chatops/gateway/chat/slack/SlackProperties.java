package io.github.st2chatops.gateway.chat.slack;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

import io.github.st2chatops.gateway.chat.ResponseUrlPolicy;

/**
 * Slack settings. Slack is on when {@code app-token} (Socket Mode: no public URL) or
 * {@code signing-secret} (HTTP endpoints) is set, or both; then {@code bot-token} must be
 * set too.
 *
 * @param signingSecret the app's signing secret (Basic Information, App Credentials);
 * requests are verified with it
 * @param botToken the bot user OAuth token (xoxb-..., OAuth &amp; Permissions) used for
 * chat.postMessage, chat.postEphemeral and users.info
 * @param apiUrl Slack's Web API base (default https://slack.com/api)
 * @param userField which user identity st2 sees as the requester: id (default, the stable
 * member id such as U2CERLKJA) or name (the Slack user name; needs the users:read scope
 * for Events API messages)
 * @param messageLimit the longest text one Slack message carries before it is split
 * (default 4000, Slack's recommended maximum; at most 40000, Slack's hard limit)
 * @param dedupeWindow how long an Events API event_id (and a message's channel and ts) is
 * remembered so that Slack's retries never run a command twice (default 1h, Slack retries
 * within minutes)
 * @param timeout connect and read timeout of calls to Slack (default 10s)
 * @param appToken the app-level token (xapp-..., Basic Information, App-Level Tokens,
 * scope connections:write); with it Slack is reached over Socket Mode and needs no public
 * URL
 * @param socketMode the Socket Mode settings
 * @param responseUrlHosts the hosts a slash command's or button click's response_url may
 * point to (default hooks.slack.com; the host of api-url is always allowed); host names
 * or *.suffix patterns. A response_url elsewhere, loopback and private addresses
 * included, is never followed: replies go through the API instead, and a notification
 * whose context names one is refused
 */
@ConfigurationProperties("gateway.chat.slack")
public record SlackProperties(String signingSecret, String botToken, @DefaultValue("https://slack.com/api") URI apiUrl,
		@DefaultValue("id") UserField userField, @DefaultValue("4000") int messageLimit,
		@DefaultValue("1h") Duration dedupeWindow, @DefaultValue("10s") Duration timeout, String appToken,
		@DefaultValue SocketMode socketMode, @DefaultValue("hooks.slack.com") List<String> responseUrlHosts) {

	/** The property that turns Slack on. */
	static final String SIGNING_SECRET = "gateway.chat.slack.signing-secret";

	/** The property that lists where response_urls may point. */
	static final String RESPONSE_URL_HOSTS = "gateway.chat.slack.response-url-hosts";

	/** The property that turns Socket Mode on. */
	static final String APP_TOKEN = "gateway.chat.slack.app-token";

	/**
	 * The setting that switches the HTTP endpoints on: without a value, they answer 404.
	 * The platform itself is on when this or {@link #APP_TOKEN} is set.
	 */
	static final String ENABLED_BY = SIGNING_SECRET;

	public SlackProperties {
		boolean inbound = StringUtils.hasText(signingSecret) || StringUtils.hasText(appToken);
		if (inbound && !StringUtils.hasText(botToken)) {
			throw new IllegalArgumentException(
					"gateway.chat.slack.bot-token must be set when " + SIGNING_SECRET + " or " + APP_TOKEN
							+ " is set (the Bot User OAuth Token, xoxb-..., from the app's OAuth & Permissions page)");
		}
		if (!inbound && StringUtils.hasText(botToken)) {
			throw new IllegalArgumentException(APP_TOKEN + " (Socket Mode) or " + SIGNING_SECRET
					+ " (HTTP endpoints) must be set when gateway.chat.slack.bot-token is set (both are on the app's "
					+ "Basic Information page)");
		}
		if (StringUtils.hasText(appToken) && !appToken.startsWith("xapp-")) {
			throw new IllegalArgumentException(APP_TOKEN
					+ " must be an app-level token starting with xapp- (Basic Information, App-Level Tokens)");
		}
		responseUrlHosts = ResponseUrlPolicy.checkedHosts(RESPONSE_URL_HOSTS, responseUrlHosts);
		socketMode = (socketMode != null) ? socketMode : new SocketMode(null, 2, Duration.ofSeconds(10));
		if (apiUrl == null || !apiUrl.isAbsolute()
				|| !("https".equals(apiUrl.getScheme()) || "http".equals(apiUrl.getScheme()))) {
			throw new IllegalArgumentException("gateway.chat.slack.api-url must be an absolute http(s) URL");
		}
		if (messageLimit < 100 || messageLimit > 40_000) {
			throw new IllegalArgumentException("gateway.chat.slack.message-limit must be between 100 and 40000");
		}
		if (dedupeWindow.compareTo(Duration.ofMinutes(10)) < 0) {
			throw new IllegalArgumentException("gateway.chat.slack.dedupe-window must be at least 10m");
		}
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("gateway.chat.slack.timeout must be positive");
		}
	}

	@Override
	public String toString() {
		return "SlackProperties[signingSecret=" + redacted(this.signingSecret) + ", botToken=" + redacted(this.botToken)
				+ ", apiUrl=" + this.apiUrl + ", userField=" + this.userField + ", messageLimit=" + this.messageLimit
				+ ", dedupeWindow=" + this.dedupeWindow + ", timeout=" + this.timeout + ", appToken="
				+ redacted(this.appToken) + ", socketMode=" + this.socketMode + ", responseUrlHosts="
				+ this.responseUrlHosts + "]";
	}

	private static String redacted(String secret) {
		return StringUtils.hasText(secret) ? "******" : "<unset>";
	}

	/**
	 * Socket Mode settings.
	 *
	 * @param enabled whether Socket Mode connections are opened (default: on when
	 * app-token is set)
	 * @param connections how many connections are held open at once (default 2, at most
	 * 10, Slack's limit per app); Slack gives each envelope to one of them, and a second
	 * one keeps messages flowing while the first is replaced
	 * @param pingInterval how often the gateway pings Slack on each connection; a
	 * connection that hears nothing for three intervals is replaced (default 10s)
	 */
	public record SocketMode(Boolean enabled, @DefaultValue("2") int connections,
			@DefaultValue("10s") Duration pingInterval) {

		public SocketMode {
			if (connections < 1 || connections > 10) {
				throw new IllegalArgumentException(
						"gateway.chat.slack.socket-mode.connections must be between 1 and 10 (Slack's limit per app)");
			}
			if (pingInterval == null || pingInterval.compareTo(Duration.ofMillis(50)) < 0) {
				throw new IllegalArgumentException(
						"gateway.chat.slack.socket-mode.ping-interval must be at least 50ms");
			}
		}

	}

	/**
	 * Which of a Slack user's identities st2 sees. Never the display name, which users
	 * change at will.
	 */
	public enum UserField {

		/** The member id ({@code U2CERLKJA}), stable for the life of the account. */
		ID,

		/** The user name ({@code roadrunner}). */
		NAME

	}

}
