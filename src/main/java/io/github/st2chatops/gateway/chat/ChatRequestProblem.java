package io.github.st2chatops.gateway.chat;

import org.springframework.http.HttpHeaders;

import io.github.st2chatops.gateway.web.GatewayProblemException;
import io.github.st2chatops.gateway.web.ProblemType;

/**
 * Why an inbound request ran nothing. The detail is safe to answer with and to log: it
 * never holds a secret or an expected signature.
 *
 * @param kind the kind of failure
 * @param detail one sentence for the caller
 */
public record ChatRequestProblem(Kind kind, String detail) {

	/**
	 * How long a refused caller should wait before it sends a request again when the
	 * state store could not say whether the request is a duplicate.
	 */
	static final String RETRY_AFTER_SECONDS = "5";

	/**
	 * The request is not the platform's: no valid signature or token.
	 * @param detail what is wrong
	 * @return the problem
	 */
	public static ChatRequestProblem unauthorized(String detail) {
		return new ChatRequestProblem(Kind.UNAUTHORIZED, detail);
	}

	/**
	 * The request is the platform's (or cannot be told apart before it is read) but is
	 * not a payload the gateway can read.
	 * @param detail what is wrong
	 * @return the problem
	 */
	public static ChatRequestProblem invalid(String detail) {
		return new ChatRequestProblem(Kind.INVALID, detail);
	}

	/**
	 * The request's content type is not one the endpoint takes.
	 * @param detail which types it takes
	 * @return the problem
	 */
	public static ChatRequestProblem unsupportedMediaType(String detail) {
		return new ChatRequestProblem(Kind.UNSUPPORTED_MEDIA_TYPE, detail);
	}

	/**
	 * The problem as an HTTP error (problem details from the one advice): 401, 400, 415,
	 * or 503 with {@code Retry-After}.
	 * @return the exception to throw from a controller
	 */
	public GatewayProblemException toException() {
		return switch (this.kind) {
			case UNAUTHORIZED -> new GatewayProblemException(ProblemType.UNAUTHORIZED, this.detail);
			case INVALID -> new GatewayProblemException(ProblemType.INVALID_REQUEST, this.detail);
			case UNSUPPORTED_MEDIA_TYPE -> new GatewayProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, this.detail);
			case UNAVAILABLE -> {
				HttpHeaders headers = new HttpHeaders();
				headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
				yield new GatewayProblemException(ProblemType.UNAVAILABLE, this.detail, headers);
			}
		};
	}

	/**
	 * The kinds of failure, the same for every platform.
	 */
	public enum Kind {

		/** No valid signature or token. */
		UNAUTHORIZED,

		/** Not a payload the gateway can read. */
		INVALID,

		/** A content type the endpoint does not take. */
		UNSUPPORTED_MEDIA_TYPE,

		/** The state store could not say whether the request is a duplicate. */
		UNAVAILABLE

	}

}
