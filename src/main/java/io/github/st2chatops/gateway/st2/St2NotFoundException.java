package io.github.st2chatops.gateway.st2;

/**
 * st2 answered 404 for the requested resource.
 */
public final class St2NotFoundException extends St2Exception {

	public St2NotFoundException(String message, String requestId) {
		super(message, requestId, null);
	}

}
