package io.github.st2chatops.gateway.chat.discord;

import java.time.Duration;

/**
 * Discord did not do what was asked. The message names the call, the HTTP status and
 * Discord's error code, never a token or a body.
 */
class DiscordApiException extends RuntimeException {

	private final int status;

	private final boolean retryable;

	private final Duration retryAfter;

	DiscordApiException(String message, int status, boolean retryable, Duration retryAfter, Throwable cause) {
		super(message, cause);
		this.status = status;
		this.retryable = retryable;
		this.retryAfter = retryAfter;
	}

	/**
	 * The HTTP status.
	 * @return the status, 0 when Discord did not answer
	 */
	int status() {
		return this.status;
	}

	/**
	 * Whether an interaction's token no longer works: Discord answers 401 (invalid
	 * webhook token) once it has expired and 404 (unknown webhook or interaction) for one
	 * it does not know.
	 * @return true for 401 and 404
	 */
	boolean tokenGone() {
		return this.status == 401 || this.status == 404;
	}

	boolean retryable() {
		return this.retryable;
	}

	Duration retryAfter() {
		return this.retryAfter;
	}

}
