package io.github.st2chatops.gateway.chat.slack;

import java.time.Duration;

import io.github.st2chatops.gateway.chat.ChatDeliveryException;

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

	/**
	 * As the exception {@code ChatDelivery} understands.
	 * @return the same failure; its outcome is unknown when the call timed out waiting
	 * for the answer
	 */
	ChatDeliveryException toDelivery() {
		return new ChatDeliveryException(getMessage(), this.retryable, retryAfter(), unanswered(), this);
	}

	/**
	 * As the failure of a step that shows nothing in chat (an upload before the post):
	 * its outcome is known whatever happened.
	 * @return the failure, never of unknown outcome
	 */
	ChatDeliveryException toSilentDelivery() {
		return new ChatDeliveryException(getMessage(), this.retryable, retryAfter(), false, this);
	}

	/**
	 * Whether the request went out and no answer came.
	 * @return true after a read timeout
	 */
	boolean unanswered() {
		return ChatDeliveryException.unanswered(getCause());
	}

}
