package io.github.st2chatops.gateway.api;

/**
 * Who called the REST API: the key that authenticated the request.
 *
 * @param keyName the key's name in {@code gateway.api.keys}
 * @param user who st2 sees
 * @param anyUser whether the key may act for other users
 */
record ApiCaller(String keyName, String user, boolean anyUser) {

	static final String ATTRIBUTE = "io.github.st2chatops.gateway.api.ApiCaller";

	/**
	 * The user a request runs as.
	 * @param requested the {@code user} the request names, or {@code null}
	 * @return the user
	 */
	String effectiveUser(String requested) {
		return (requested == null || requested.isBlank()) ? this.user : requested.strip();
	}

	boolean mayActAs(String requested) {
		return requested == null || requested.isBlank() || this.anyUser || requested.strip().equals(this.user);
	}

}
