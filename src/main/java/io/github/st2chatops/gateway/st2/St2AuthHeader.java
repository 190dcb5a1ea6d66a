package io.github.st2chatops.gateway.st2;

import org.springframework.http.HttpHeaders;

/**
 * The header that authenticates a request to st2: {@code St2-Api-Key} or
 * {@code X-Auth-Token}. Its {@link #toString()} never shows the value.
 *
 * @param name header name
 * @param value the credential
 */
public record St2AuthHeader(String name, String value) {

	/** st2's header for API keys. */
	public static final String API_KEY = "St2-Api-Key";

	/** st2's header for tokens. */
	public static final String AUTH_TOKEN = "X-Auth-Token";

	/**
	 * Sets this header on the given headers, removing the other st2 credential header
	 * (st2 refuses a request that carries both).
	 * @param headers the request headers
	 */
	public void applyTo(HttpHeaders headers) {
		headers.remove(API_KEY);
		headers.remove(AUTH_TOKEN);
		headers.set(this.name, this.value);
	}

	@Override
	public String toString() {
		return "St2AuthHeader[name=" + this.name + ", value=" + St2Properties.REDACTED + "]";
	}

}
