package io.github.st2chatops.gateway.st2;

/**
 * st2 refused the gateway's credentials (401 after any renewal) or the token service
 * refused to issue a token.
 */
public final class St2AuthenticationException extends St2Exception {

	public St2AuthenticationException(String message, String requestId, Throwable cause) {
		super(message, requestId, cause);
	}

}
