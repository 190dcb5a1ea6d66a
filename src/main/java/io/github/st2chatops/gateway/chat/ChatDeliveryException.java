package io.github.st2chatops.gateway.chat;

import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * A chat platform did not take a message. Messages are safe to log: no token, no body.
 */
public class ChatDeliveryException extends RuntimeException {

	private final boolean retryable;

	private final Duration retryAfter;

	private final boolean outcomeUnknown;

	/**
	 * @param message what happened
	 * @param retryable whether trying again may succeed (429, 5xx, timeouts), as opposed
	 * to a permanent refusal (a channel that does not exist, a revoked token)
	 * @param retryAfter how long the platform asked us to wait ({@code Retry-After}), or
	 * {@code null}
	 * @param cause the cause, or {@code null}
	 */
	public ChatDeliveryException(String message, boolean retryable, Duration retryAfter, Throwable cause) {
		this(message, retryable, retryAfter, false, cause);
	}

	/**
	 * @param message what happened
	 * @param retryable whether trying again may succeed
	 * @param retryAfter how long the platform asked us to wait, or {@code null}
	 * @param outcomeUnknown whether the request went out and no answer came (a read
	 * timeout), so the platform may have posted the message
	 * @param cause the cause, or {@code null}
	 */
	public ChatDeliveryException(String message, boolean retryable, Duration retryAfter, boolean outcomeUnknown,
			Throwable cause) {
		super(message, cause);
		this.retryable = retryable;
		this.retryAfter = retryAfter;
		this.outcomeUnknown = outcomeUnknown;
	}

	/**
	 * Whether the request went out and no answer came, so the platform may have posted
	 * the message: {@link PostLog} then does not send it again unless the platform
	 * deduplicates.
	 * @return true after a read timeout
	 */
	public boolean outcomeUnknown() {
		return this.outcomeUnknown;
	}

	/**
	 * Whether a failure of an HTTP call leaves its outcome unknown: the answer timed out
	 * after the connection was made (not a connect timeout or a refused connection, which
	 * sent nothing).
	 * @param failure what the HTTP client threw
	 * @return true for a read or request timeout
	 */
	public static boolean unanswered(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof HttpConnectTimeoutException) {
				return false;
			}
			if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException) {
				return !(cause.getMessage() != null && cause.getMessage().contains("connect timed out"));
			}
		}
		return false;
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
