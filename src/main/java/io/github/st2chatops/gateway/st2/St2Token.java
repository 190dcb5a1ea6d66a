package io.github.st2chatops.gateway.st2;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The 201 answer of {@code POST /auth/v1/tokens} (st2 {@code TokenAPI}): {@code {"user",
 * "token", "expiry": "2017-04-06T01:15:06.602758Z", "id", "metadata"}}.
 *
 * @param user the user the token is for
 * @param token the token
 * @param expiry when it expires, ISO 8601 in UTC
 * @param id st2's id of the token
 * @param metadata st2's metadata
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record St2Token(String user, String token, String expiry, String id, Map<String, Object> metadata) {

	@Override
	public String toString() {
		return "St2Token[user=" + this.user + ", token=" + St2Properties.REDACTED + ", expiry=" + this.expiry + ", id="
				+ this.id + "]";
	}

}
