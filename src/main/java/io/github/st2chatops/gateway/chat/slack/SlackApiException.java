package io.github.st2chatops.gateway.chat.slack;

import java.time.Duration;

/**
 * Slack did not do what was asked: an HTTP error, an {@code "ok": false} answer (which
 * Slack sends with HTTP 200), or no answer at all. The message names the method and
 * Slack's error code, never a token or a body.
 */
class SlackApiException extends RuntimeException {

	private final String error;

	private final boolean retryable;

	private final Duration retryAfter;

	SlackApiException(String message, String error, boolean retryable, Duration retryAfter, Throwable cause) {
		super(message, cause);
		this.error = error;
		this.retryable = retryable;
		this.retryAfter = retryAfter;
	}

	/**
	 * Slack's error code ({@code channel_not_found}, {@code ratelimited} ...) or the HTTP
	 * status as text.
	 * @return the code, or {@code null} when Slack did not answer
	 */
	String error() {
		return this.error;
	}

	boolean retryable() {
		return this.retryable;
	}

	Duration retryAfter() {
		return this.retryAfter;
	}

}
