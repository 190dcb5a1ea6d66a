package io.github.st2chatops.gateway.chat;

import java.time.Duration;

/**
 * A chat platform did not take a message. Messages are safe to log: no token, no body.
 */
public class ChatDeliveryException extends RuntimeException {

	private final boolean retryable;

	private final Duration retryAfter;

	/**
	 * @param message what happened
	 * @param retryable whether trying again may succeed (429, 5xx, timeouts), as opposed
	 * to a permanent refusal (a channel that does not exist, a revoked token)
	 * @param retryAfter how long the platform asked us to wait ({@code Retry-After}), or
	 * {@code null}
	 * @param cause the cause, or {@code null}
	 */
	public ChatDeliveryException(String message, boolean retryable, Duration retryAfter, Throwable cause) {
		super(message, cause);
		this.retryable = retryable;
		this.retryAfter = retryAfter;
	}

	/**
	 * Whether trying again may succeed.
	 * @return true for 429, 5xx, timeouts and connection failures
	 */
	public boolean retryable() {
		return this.retryable;
	}

	/**
	 * How long the platform asked to wait before the next try.
	 * @return the wait, or {@code null} when it said nothing
	 */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
