package io.github.st2chatops.gateway.st2;

/**
 * st2 could not be reached or failed (connection refused, timeout, 5xx, an HTML page from
 * a proxy, the {@code st2} circuit breaker open).
 */
public final class St2UnavailableException extends St2Exception {

	private final boolean requestMayHaveReachedSt2;

	public St2UnavailableException(String message, boolean requestMayHaveReachedSt2, String requestId,
			Throwable cause) {
		super(message, requestId, cause);
		this.requestMayHaveReachedSt2 = requestMayHaveReachedSt2;
	}

	/**
	 * Whether st2 may have received and acted on the request (a read timeout or a 5xx
	 * after sending) as opposed to provably not (connection refused, circuit open).
	 * @return true when an execution may have been scheduled
	 */
	public boolean requestMayHaveReachedSt2() {
		return this.requestMayHaveReachedSt2;
	}

}
