package io.github.st2chatops.gateway.st2;

/**
 * The way the gateway authenticates to st2.
 */
public enum St2AuthMode {

	/** {@code gateway.st2.api-key}, sent as {@code St2-Api-Key}; never expires. */
	API_KEY("api-key"),

	/**
	 * {@code gateway.st2.auth-token}, sent as {@code X-Auth-Token}; cannot be renewed.
	 */
	AUTH_TOKEN("auth-token"),

	/**
	 * {@code gateway.st2.username} and {@code password}: tokens from st2's auth service,
	 * sent as {@code X-Auth-Token} and renewed.
	 */
	PASSWORD("username-password");

	private final String label;

	St2AuthMode(String label) {
		this.label = label;
	}

	/**
	 * The name shown in health details and logs.
	 * @return e.g. {@code api-key}
	 */
	public String label() {
		return this.label;
	}

}
