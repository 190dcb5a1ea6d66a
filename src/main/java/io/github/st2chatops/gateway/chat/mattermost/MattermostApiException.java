package io.github.st2chatops.gateway.chat.mattermost;

import java.time.Duration;

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

}
