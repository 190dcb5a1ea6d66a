package io.github.st2chatops.gateway.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * An error that the problem-details advice turns into an RFC 9457 answer. Its message is
 * the {@code detail} and must be safe to show: no secret, no raw upstream body.
 */
public class GatewayProblemException extends RuntimeException {

	private final ProblemType problemType;

	private final HttpHeaders headers;

	public GatewayProblemException(ProblemType problemType, String detail) {
		this(problemType, detail, HttpHeaders.EMPTY);
	}

	public GatewayProblemException(ProblemType problemType, String detail, HttpHeaders headers) {
		super(detail);
		this.problemType = problemType;
		this.headers = headers;
	}

	/**
	 * The answer: the type's status and problem details with this message as the
	 * {@code detail}, and the extra headers ({@code WWW-Authenticate},
	 * {@code Retry-After} ...).
	 * @return the answer
	 */
	ResponseEntity<ProblemDetail> response() {
		return this.problemType.response(getMessage(), this.headers);
	}

}
