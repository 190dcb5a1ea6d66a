package io.github.st2chatops.gateway.chat.mattermost;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

import io.github.st2chatops.gateway.chat.ResponseUrlPolicy;

/**
 * Mattermost settings. Mattermost is on when {@code token} is set; then {@code url} and
 * {@code bot-token} must be set too.
 *
 * @param token the token of the slash command or outgoing webhook (Mattermost shows it
 * once the integration is saved); several, comma-separated, when both a slash command and
 * outgoing webhooks call the gateway
 * @param url the Mattermost server's base URL, e.g. https://mattermost.example.com
 * @param botToken a bot account's access token, for posting replies and results later
 * through the REST API
 * @param userField which user identity st2 sees as the requester: id (default, the stable
 * 26-character user id) or name (the username)
 * @param replyDeadline how long a webhook waits for a command's replies to answer in its
 * HTTP response (default 2.5s); later replies are posted through the API
 * @param messageLimit the longest message before it is split (default 16383, Mattermost's
 * post size limit)
 * @param dedupeWindow how long a post id (outgoing webhook) or trigger id (slash command)
 * is remembered so that a repeated delivery never runs a command twice (default 1h)
 * @param timeout connect and read timeout of calls to Mattermost (default 10s)
 * @param responseUrlHosts more hosts a slash command's response_url may point to, host
 * names or *.suffix patterns (default none: only the host of url, where Mattermost's
 * response_urls point unless its Site URL differs). A response_url elsewhere, loopback
 * and private addresses included, is never followed: replies go through the API instead,
 * and a notification whose context names one is refused
 */
@ConfigurationProperties("gateway.chat.mattermost")
public record MattermostProperties(List<String> token, URI url, String botToken,
		@DefaultValue("id") UserField userField, @DefaultValue("2500ms") Duration replyDeadline,
		@DefaultValue("16383") int messageLimit, @DefaultValue("1h") Duration dedupeWindow,
		@DefaultValue("10s") Duration timeout, List<String> responseUrlHosts) {

	/** The property that lists more hosts response_urls may point to. */
	static final String RESPONSE_URL_HOSTS = "gateway.chat.mattermost.response-url-hosts";

	/** The property that turns Mattermost on. */
	static final String TOKEN = "gateway.chat.mattermost.token";

	/**
	 * The setting that switches the platform on: without a value, the platform is off.
	 */
	static final String ENABLED_BY = TOKEN;

	public MattermostProperties {
		responseUrlHosts = ResponseUrlPolicy.checkedHosts(RESPONSE_URL_HOSTS, responseUrlHosts);
		token = (token != null) ? token.stream().filter(StringUtils::hasText).map(String::strip).toList() : List.of();
		if (!token.isEmpty()) {
			if (url == null) {
				throw new IllegalArgumentException("gateway.chat.mattermost.url must be set when " + TOKEN
						+ " is set (the Mattermost server's base URL, e.g. https://mattermost.example.com)");
			}
			if (!StringUtils.hasText(botToken)) {
				throw new IllegalArgumentException("gateway.chat.mattermost.bot-token must be set when " + TOKEN
						+ " is set (a bot account's access token, from Integrations > Bot Accounts)");
			}
		}
		else if (url != null || StringUtils.hasText(botToken)) {
			throw new IllegalArgumentException(TOKEN + " must be set when gateway.chat.mattermost.url or "
					+ "gateway.chat.mattermost.bot-token is set (the token of the slash command or outgoing webhook)");
		}
		if (url != null && (!url.isAbsolute() || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))
				|| url.getHost() == null)) {
			throw new IllegalArgumentException("gateway.chat.mattermost.url must be an absolute http(s) URL");
		}
		if (replyDeadline.isNegative() || replyDeadline.compareTo(Duration.ofSeconds(25)) > 0) {
			throw new IllegalArgumentException("gateway.chat.mattermost.reply-deadline must be between 0 and 25s "
					+ "(Mattermost gives up on a webhook after 30s by default)");
		}
		if (messageLimit < 100 || messageLimit > 65_535) {
			throw new IllegalArgumentException("gateway.chat.mattermost.message-limit must be between 100 and 65535");
		}
		if (dedupeWindow.compareTo(Duration.ofMinutes(1)) < 0) {
			throw new IllegalArgumentException("gateway.chat.mattermost.dedupe-window must be at least 1m");
		}
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("gateway.chat.mattermost.timeout must be positive");
		}
	}

	/**
	 * Whether Mattermost is configured.
	 * @return true when a token is set
	 */
	boolean enabled() {
		return !this.token.isEmpty();
	}

	@Override
	public String toString() {
		return "MattermostProperties[token=" + (this.token.isEmpty() ? "<unset>" : "******") + ", url=" + this.url
				+ ", botToken=" + (StringUtils.hasText(this.botToken) ? "******" : "<unset>") + ", userField="
				+ this.userField + ", replyDeadline=" + this.replyDeadline + ", messageLimit=" + this.messageLimit
				+ ", dedupeWindow=" + this.dedupeWindow + ", timeout=" + this.timeout + ", responseUrlHosts="
				+ this.responseUrlHosts + "]";
	}

	/**
	 * Which of a Mattermost user's identities st2 sees. Never the nickname or full name.
	 */
	public enum UserField {

		/**
		 * The user id ({@code rnina9994bde8mua79zqcg5hmo}), stable for the life of the
		 * account.
		 */
		ID,

		/** The username ({@code john.smith}), unique on the server. */
		NAME

	}

}
