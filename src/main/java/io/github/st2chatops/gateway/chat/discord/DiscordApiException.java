package io.github.st2chatops.gateway.chat.discord;

import java.time.Duration;

import io.github.st2chatops.gateway.chat.ChatDeliveryException;

/**
 * Discord did not do what was asked: a {@link ChatDeliveryException} that also keeps the
 * HTTP status, so the sender can tell an expired interaction token from other refusals.
 * The message names the call, the HTTP status and Discord's error code, never a token or
 * a body.
 */
class DiscordApiException extends ChatDeliveryException {

	private final int status;

	DiscordApiException(String message, int status, boolean retryable, Duration retryAfter) {
		this(message, status, retryable, retryAfter, false);
	}

	/**
	 * @param message what happened
	 * @param status the HTTP status, 0 when no answer came
	 * @param retryable whether trying again may help
	 * @param retryAfter how long Discord asked to wait, or null
	 * @param outcomeUnknown whether the request went out and its answer timed out, so
	 * Discord may have posted the message
	 */
	DiscordApiException(String message, int status, boolean retryable, Duration retryAfter, boolean outcomeUnknown) {
		super(message, retryable, retryAfter, outcomeUnknown, null);
		this.status = status;
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

}
