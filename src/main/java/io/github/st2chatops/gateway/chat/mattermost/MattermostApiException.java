package io.github.st2chatops.gateway.chat.mattermost;

import java.time.Duration;

import io.github.st2chatops.gateway.chat.ChatDeliveryException;

/**
 * Mattermost did not do what was asked. The message names the call, the HTTP status and
 * Mattermost's error id, never a token or a body.
 */
class MattermostApiException extends RuntimeException {

	private final int status;

	private final boolean retryable;

	private final Duration retryAfter;

	MattermostApiException(String message, int status, boolean retryable, Duration retryAfter, Throwable cause) {
		super(message, cause);
		this.status = status;
		this.retryable = retryable;
		this.retryAfter = retryAfter;
	}

	/**
	 * The HTTP status.
	 * @return the status, 0 when Mattermost did not answer
	 */
	int status() {
		return this.status;
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
