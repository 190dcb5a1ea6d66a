package io.github.st2chatops.gateway.api;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * REST API settings.
 *
 * @param keys the API keys by name (gateway.api.keys.NAME.token and .user); no keys means
 * the API refuses every call
 */
@Validated
@ConfigurationProperties("gateway.api")
public record ApiProperties(Map<String, @Valid Key> keys) {

	public ApiProperties {
		keys = (keys != null) ? Map.copyOf(keys) : Map.of();
	}

	/**
	 * One API key.
	 *
	 * @param token the bearer token callers present
	 * @param user who st2 sees as the requester of commands run with this key
	 * @param anyUser whether a request may name another user in its user field (default
	 * false)
	 */
	public record Key(@NotBlank String token, @NotBlank String user, boolean anyUser) {

		@Override
		public String toString() {
			return "Key[token=******, user=" + this.user + ", anyUser=" + this.anyUser + "]";
		}

	}

}
