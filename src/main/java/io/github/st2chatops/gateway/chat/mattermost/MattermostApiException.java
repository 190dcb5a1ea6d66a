package io.github.st2chatops.gateway.chat.mattermost;

import java.time.Duration;

import io.github.st2chatops.gateway.chat.ChatApiException;

/**
 * Mattermost did not do what was asked. The message names the call, the HTTP status and
 * Mattermost's error id, never a token or a body.
 */
class MattermostApiException extends ChatApiException {

	private final int status;

	MattermostApiException(String message, int status, boolean retryable, Duration retryAfter, Throwable cause) {
		super(message, retryable, retryAfter, cause);
		this.status = status;
	}

	/**
	 * The HTTP status.
	 * @return the status, 0 when Mattermost did not answer
	 */
	int status() {
		return this.status;
	}

}
