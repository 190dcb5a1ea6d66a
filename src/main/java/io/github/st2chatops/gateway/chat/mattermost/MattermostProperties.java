package io.github.st2chatops.gateway.chat.mattermost;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

import io.github.st2chatops.gateway.chat.ResponseUrlPolicy;

/**
 * Mattermost settings. Mattermost is on when {@code token} is set (slash commands and
 * outgoing webhooks) or {@code websocket.enabled} is true (the gateway connects out and
 * needs no public URL), or both; then {@code url} and {@code bot-token} must be set too.
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
 * @param websocket the WebSocket settings
 */
@ConfigurationProperties("gateway.chat.mattermost")
public record MattermostProperties(List<String> token, URI url, String botToken,
		@DefaultValue("id") UserField userField, @DefaultValue("2500ms") Duration replyDeadline,
		@DefaultValue("16383") int messageLimit, @DefaultValue("1h") Duration dedupeWindow,
		@DefaultValue("10s") Duration timeout, List<String> responseUrlHosts, @DefaultValue WebSocket websocket) {

	/** The property that lists more hosts response_urls may point to. */
	static final String RESPONSE_URL_HOSTS = "gateway.chat.mattermost.response-url-hosts";

	/** The property that turns Mattermost on. */
	static final String TOKEN = "gateway.chat.mattermost.token";

	/** The property that turns the WebSocket on. */
	static final String WEBSOCKET_ENABLED = "gateway.chat.mattermost.websocket.enabled";

	/**
	 * The setting that switches the HTTP endpoint on: without a value, it answers 404.
	 * The platform itself is on when this is set or {@link #WEBSOCKET_ENABLED} is true.
	 */
	static final String ENABLED_BY = TOKEN;

	public MattermostProperties {
		responseUrlHosts = ResponseUrlPolicy.checkedHosts(RESPONSE_URL_HOSTS, responseUrlHosts);
		token = (token != null) ? token.stream().filter(StringUtils::hasText).map(String::strip).toList() : List.of();
		websocket = (websocket != null) ? websocket : new WebSocket(false, Duration.ofSeconds(10), null);
		String enabledBy = !token.isEmpty() ? TOKEN : (websocket.enabled() ? WEBSOCKET_ENABLED : null);
		if (enabledBy != null) {
			if (url == null) {
				throw new IllegalArgumentException("gateway.chat.mattermost.url must be set when " + enabledBy
						+ " is set (the Mattermost server's base URL, e.g. https://mattermost.example.com)");
			}
			if (!StringUtils.hasText(botToken)) {
				throw new IllegalArgumentException("gateway.chat.mattermost.bot-token must be set when " + enabledBy
						+ " is set (a bot account's access token, from Integrations > Bot Accounts)");
			}
		}
		else if (url != null || StringUtils.hasText(botToken)) {
			throw new IllegalArgumentException(TOKEN + " (slash commands, outgoing webhooks) or " + WEBSOCKET_ENABLED
					+ "=true (the gateway connects out) must be set when gateway.chat.mattermost.url or "
					+ "gateway.chat.mattermost.bot-token is set");
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
	 * Where the WebSocket connects: {@code websocket.url}, else {@code url} with ws or
	 * wss and {@code /api/v4/websocket}.
	 * @return the URL without query
	 */
	URI websocketUrl() {
		if (this.websocket.url() != null) {
			return this.websocket.url();
		}
		String base = this.url.toString().replaceFirst("^http", "ws");
		return URI.create((base.endsWith("/") ? base : base + "/") + "api/v4/websocket");
	}

	@Override
	public String toString() {
		return "MattermostProperties[token=" + (this.token.isEmpty() ? "<unset>" : "******") + ", url=" + this.url
				+ ", botToken=" + (StringUtils.hasText(this.botToken) ? "******" : "<unset>") + ", userField="
				+ this.userField + ", replyDeadline=" + this.replyDeadline + ", messageLimit=" + this.messageLimit
				+ ", dedupeWindow=" + this.dedupeWindow + ", timeout=" + this.timeout + ", responseUrlHosts="
				+ this.responseUrlHosts + ", websocket=" + this.websocket + "]";
	}

	/**
	 * WebSocket settings: with the WebSocket on, the gateway connects to Mattermost as
	 * the bot account and needs no public URL.
	 *
	 * @param enabled whether the gateway follows posts over Mattermost's WebSocket
	 * (default false)
	 * @param pingInterval how often the gateway pings Mattermost; a connection that hears
	 * nothing for three intervals is replaced (default 10s)
	 * @param url where the WebSocket is, when not at the server's /api/v4/websocket (a
	 * ws:// or wss:// URL; default: derived from url)
	 */
	public record WebSocket(@DefaultValue("false") boolean enabled, @DefaultValue("10s") Duration pingInterval,
			URI url) {

		public WebSocket {
			if (pingInterval == null || pingInterval.compareTo(Duration.ofMillis(50)) < 0) {
				throw new IllegalArgumentException(
						"gateway.chat.mattermost.websocket.ping-interval must be at least 50ms");
			}
			if (url != null && (!url.isAbsolute() || !("wss".equals(url.getScheme()) || "ws".equals(url.getScheme()))
					|| url.getHost() == null)) {
				throw new IllegalArgumentException(
						"gateway.chat.mattermost.websocket.url must be an absolute ws:// or wss:// URL");
			}
		}

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
