package io.github.st2chatops.gateway.chat.rocketchat;

import java.net.URI;
import java.time.Duration;

import io.github.st2chatops.gateway.chat.HttpUrls;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * Rocket.Chat ({@code POST /chat/rocketchat}). Off until {@code token} is set.
 *
 * @param token the outgoing webhook integration's token, which Rocket.Chat sends in every
 * request body
 * @param webhookUrl the incoming webhook integration's URL (it holds that integration's
 * token); replies that are not ready in time and st2 results are posted there; required
 * once token is set
 * @param userField which id st2 sees as the requester (default user-name)
 * @param replyDeadline how long to wait for the answer before answering the webhook with
 * nothing and posting the answer later (default 3s)
 * @param maxMessageLength the longest message (default 5000 characters, Rocket.Chat's
 * default Message_MaxAllowedSize)
 */
@ConfigurationProperties("gateway.chat.rocketchat")
public record RocketChatProperties(String token, URI webhookUrl,
		@DefaultValue("user-name") RocketChatUserField userField, @DefaultValue("3s") Duration replyDeadline,
		@DefaultValue("5000") int maxMessageLength) {

	/**
	 * The setting that switches the platform on: without a value, the platform is off.
	 */
	static final String ENABLED_BY = "gateway.chat.rocketchat.token";

	public RocketChatProperties {
		if (!StringUtils.hasText(token)) {
			if (webhookUrl != null) {
				throw new IllegalArgumentException(
						"gateway.chat.rocketchat.token must be set when gateway.chat.rocketchat.webhook-url is set");
			}
		}
		else if (webhookUrl == null) {
			throw new IllegalArgumentException(
					"gateway.chat.rocketchat.webhook-url must be set when gateway.chat.rocketchat.token is set");
		}
		if (webhookUrl != null && !HttpUrls.isAbsoluteHttp(webhookUrl)) {
			throw new IllegalArgumentException("gateway.chat.rocketchat.webhook-url must be an absolute http(s) URL");
		}
		if (replyDeadline.isNegative() || replyDeadline.compareTo(Duration.ofSeconds(10)) > 0) {
			throw new IllegalArgumentException("gateway.chat.rocketchat.reply-deadline must be between 0 and 10s");
		}
		if (maxMessageLength < 64) {
			throw new IllegalArgumentException("gateway.chat.rocketchat.max-message-length must be at least 64");
		}
	}

	@Override
	public String toString() {
		// the incoming webhook URL holds that integration's token: never print it
		return "RocketChatProperties[token=" + (StringUtils.hasText(this.token) ? "******" : "<not set>")
				+ ", webhookUrl=" + ((this.webhookUrl != null) ? "<set>" : "<not set>") + ", userField="
				+ this.userField + ", replyDeadline=" + this.replyDeadline + ", maxMessageLength="
				+ this.maxMessageLength + "]";
	}

}
