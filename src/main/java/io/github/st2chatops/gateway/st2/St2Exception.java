package io.github.st2chatops.gateway.st2;

/**
 * Base of every failure talking to st2. Messages are safe to show: they never hold a
 * credential or a raw HTTP body.
 */
public abstract sealed class St2Exception extends RuntimeException
		permits St2UnavailableException, St2RejectedException, St2AuthenticationException, St2NotFoundException {

	private final String requestId;

	protected St2Exception(String message, String requestId, Throwable cause) {
		super(message, cause);
		this.requestId = requestId;
	}

	/**
	 * st2's {@code X-Request-ID} for the failed call, for correlating with st2's logs.
	 * @return the request id or {@code null}
	 */
	public String requestId() {
		return this.requestId;
	}

}
