package io.github.st2chatops.gateway.chat.generic;

import java.net.URI;

import io.github.st2chatops.gateway.chat.HttpUrls;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * The generic webhook ({@code POST /chat/generic}). Off until {@code secret} is set.
 *
 * @param secret the shared secret both sides sign with (HMAC-SHA256); at least 16
 * characters, e.g. openssl rand -hex 32
 * @param callbackUrl where replies and results are POSTed, signed the same way; required
 * once secret is set
 * @param maxMessageLength the longest text in one callback (default 40000 characters);
 * longer text is split into several callbacks
 */
@ConfigurationProperties("gateway.chat.generic")
public record GenericProperties(String secret, URI callbackUrl, @DefaultValue("40000") int maxMessageLength) {

	/**
	 * The setting that switches the platform on: without a value, the platform is off.
	 */
	static final String ENABLED_BY = "gateway.chat.generic.secret";

	static final int MIN_SECRET_LENGTH = 16;

	public GenericProperties {
		if (!StringUtils.hasText(secret)) {
			if (callbackUrl != null) {
				throw new IllegalArgumentException(
						"gateway.chat.generic.secret must be set when gateway.chat.generic.callback-url is set");
			}
		}
		else {
			if (secret.length() < MIN_SECRET_LENGTH) {
				throw new IllegalArgumentException("gateway.chat.generic.secret must be at least " + MIN_SECRET_LENGTH
						+ " characters long (e.g. the output of 'openssl rand -hex 32')");
			}
			if (callbackUrl == null) {
				throw new IllegalArgumentException(
						"gateway.chat.generic.callback-url must be set when gateway.chat.generic.secret is set");
			}
		}
		if (callbackUrl != null && !HttpUrls.isAbsoluteHttp(callbackUrl)) {
			throw new IllegalArgumentException("gateway.chat.generic.callback-url must be an absolute http(s) URL");
		}
		if (maxMessageLength < 64) {
			throw new IllegalArgumentException("gateway.chat.generic.max-message-length must be at least 64");
		}
	}

	@Override
	public String toString() {
		return "GenericProperties[secret=" + (StringUtils.hasText(this.secret) ? "******" : "<not set>")
				+ ", callbackUrl=" + ((this.callbackUrl != null) ? "<set>" : "<not set>") + ", maxMessageLength="
				+ this.maxMessageLength + "]";
	}

}
