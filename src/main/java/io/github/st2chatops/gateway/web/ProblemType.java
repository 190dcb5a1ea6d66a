package io.github.st2chatops.gateway.web;

import java.net.URI;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The stable problem types the gateway answers with (RFC 9457 {@code type}). Clients may
 * rely on these URIs; docs/problems.md lists them.
 */
public enum ProblemType {

	/** The request body or parameters are invalid. */
	INVALID_REQUEST("invalid-request", HttpStatus.BAD_REQUEST, "Invalid request"),

	/** Credentials are missing or wrong. */
	UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "Unauthorized"),

	/** The credentials are valid but do not allow this. */
	FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Forbidden"),

	/** The resource does not exist. */
	NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),

	/** The HTTP method is not supported here. */
	METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),

	/** The request body arrived too slowly. */
	REQUEST_TIMEOUT("request-timeout", HttpStatus.REQUEST_TIMEOUT, "Request body too slow"),

	/** The request body is larger than the gateway accepts. */
	PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Request body too large"),

	/** The request body has a media type the endpoint does not take. */
	UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),

	/**
	 * The request was understood but cannot be processed (e.g. no route for a result).
	 */
	UNPROCESSABLE("unprocessable", HttpStatus.UNPROCESSABLE_CONTENT, "Unprocessable request"),

	/** Too many requests. */
	RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),

	/** st2 (or another dependency) is unavailable; retrying later may succeed. */
	UNAVAILABLE("unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable"),

	/** Anything unexpected; details are in the gateway's log, never in the answer. */
	INTERNAL("internal", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

	private static final String BASE = "urn:st2-chatops-gateway:problem:";

	private final URI type;

	private final HttpStatus status;

	private final String title;

	ProblemType(String slug, HttpStatus status, String title) {
		this.type = URI.create(BASE + slug);
		this.status = status;
		this.title = title;
	}

	/**
	 * A short, fixed summary.
	 * @return the title
	 */
	public String title() {
		return this.title;
	}

	/**
	 * The problem details of this type: its status, {@code type} URI and title.
	 * @param detail what happened, safe to show
	 * @return the problem details
	 */
	public ProblemDetail problemDetail(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(this.status, detail);
		problem.setType(this.type);
		problem.setTitle(this.title);
		return problem;
	}

	/**
	 * The answer with this type's status and problem details.
	 * @param detail what happened, safe to show
	 * @param headers extra headers ({@code WWW-Authenticate}, {@code Retry-After} ...)
	 * @return the answer
	 */
	public ResponseEntity<ProblemDetail> response(String detail, HttpHeaders headers) {
		return ResponseEntity.status(this.status).headers(headers).body(problemDetail(detail));
	}

}
