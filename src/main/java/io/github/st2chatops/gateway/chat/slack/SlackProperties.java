package io.github.st2chatops.gateway.chat.slack;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * Slack settings. Slack is on when {@code signing-secret} is set; then {@code bot-token}
 * must be set too.
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
 */
@ConfigurationProperties("gateway.chat.slack")
public record SlackProperties(String signingSecret, String botToken, @DefaultValue("https://slack.com/api") URI apiUrl,
		@DefaultValue("id") UserField userField, @DefaultValue("4000") int messageLimit,
		@DefaultValue("1h") Duration dedupeWindow, @DefaultValue("10s") Duration timeout) {

	/** The property that turns Slack on. */
	static final String SIGNING_SECRET = "gateway.chat.slack.signing-secret";

	/**
	 * The setting that switches the platform on: without a value, the platform is off.
	 */
	static final String ENABLED_BY = SIGNING_SECRET;

	public SlackProperties {
		if (StringUtils.hasText(signingSecret) && !StringUtils.hasText(botToken)) {
			throw new IllegalArgumentException("gateway.chat.slack.bot-token must be set when " + SIGNING_SECRET
					+ " is set (the Bot User OAuth Token, xoxb-..., from the app's OAuth & Permissions page)");
		}
		if (!StringUtils.hasText(signingSecret) && StringUtils.hasText(botToken)) {
			throw new IllegalArgumentException(SIGNING_SECRET + " must be set when gateway.chat.slack.bot-token is "
					+ "set (the Signing Secret from the app's Basic Information page)");
		}
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

	/**
	 * Whether Slack is configured.
	 * @return true when the signing secret is set
	 */
	boolean enabled() {
		return StringUtils.hasText(this.signingSecret);
	}

	@Override
	public String toString() {
		return "SlackProperties[signingSecret=" + redacted(this.signingSecret) + ", botToken=" + redacted(this.botToken)
				+ ", apiUrl=" + this.apiUrl + ", userField=" + this.userField + ", messageLimit=" + this.messageLimit
				+ ", dedupeWindow=" + this.dedupeWindow + ", timeout=" + this.timeout + "]";
	}

	private static String redacted(String secret) {
		return StringUtils.hasText(secret) ? "******" : "<unset>";
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
