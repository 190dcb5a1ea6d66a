package io.github.st2chatops.gateway.st2;

/**
 * st2 refused the request with a 4xx (other than 401 and 404) and a {@code faultstring}.
 */
public final class St2RejectedException extends St2Exception {

	private final int status;

	private final String faultstring;

	public St2RejectedException(int status, String faultstring, String requestId) {
		super("st2 rejected the request (" + status + "): " + faultstring, requestId, null);
		this.status = status;
		this.faultstring = faultstring;
	}

	/**
	 * The HTTP status st2 answered.
	 * @return the status code
	 */
	public int status() {
		return this.status;
	}

	/**
	 * st2's own explanation ({@code faultstring}), safe to show in chat.
	 * @return the faultstring
	 */
	public String faultstring() {
		return this.faultstring;
	}

}
