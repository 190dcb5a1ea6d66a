package io.github.st2chatops.gateway.st2;

/**
 * st2's auth service would not issue a token for the mapped user (the gateway's user is
 * not an st2 service account, the st2 user or nickname does not exist, ...). Nothing was
 * executed.
 */
public class St2ImpersonationRefusedException extends RuntimeException {

	private final String requestId;

	public St2ImpersonationRefusedException(String message, String requestId) {
		super(message);
		this.requestId = requestId;
	}

	/**
	 * The {@code X-Request-ID} of the token request.
	 * @return the id, may be {@code null}
	 */
	public String requestId() {
		return this.requestId;
	}

}
