package io.github.st2chatops.gateway.chat.slack;

import java.time.Duration;

import io.github.st2chatops.gateway.chat.ChatApiException;

/**
 * Slack did not do what was asked: an HTTP error, an {@code "ok": false} answer (which
 * Slack sends with HTTP 200), or no answer at all. The message names the method and
 * Slack's error code, never a token or a body.
 */
class SlackApiException extends ChatApiException {

	private final String error;

	SlackApiException(String message, String error, boolean retryable, Duration retryAfter, Throwable cause) {
		super(message, retryable, retryAfter, cause);
		this.error = error;
	}

	/**
	 * Slack's error code ({@code channel_not_found}, {@code ratelimited} ...) or the HTTP
	 * status as text.
	 * @return the code, or {@code null} when Slack did not answer
	 */
	String error() {
		return this.error;
	}

}
