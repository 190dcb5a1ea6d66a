package io.github.st2chatops.gateway.web;

/**
 * A request body exceeded {@code gateway.web.max-body-size}.
 */
public class RequestBodyTooLargeException extends RuntimeException {

	public RequestBodyTooLargeException(long limit) {
		super("The request body is larger than " + limit + " bytes.");
	}

}
