package io.github.st2chatops.gateway.state;

/**
 * The shared state store could not be reached, so a claim or lock could not be checked.
 */
public class StateUnavailableException extends RuntimeException {

	public StateUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
