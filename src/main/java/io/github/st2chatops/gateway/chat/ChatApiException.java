package io.github.st2chatops.gateway.chat;

import java.time.Duration;

/**
 * A platform's API did not do what a sender asked: the base of each platform client's
 * exception family, which says whether trying again may help and turns into the
 * {@link ChatDeliveryException} that {@link ChatDelivery} and {@link PostLog} understand.
 * Messages name the call and the platform's error, never a token or a body.
 */
public abstract class ChatApiException extends RuntimeException {

	private final boolean retryable;

	private final Duration retryAfter;

	/**
	 * @param message what happened
	 * @param retryable whether trying again may succeed (429, 5xx, no answer)
	 * @param retryAfter how long the platform asked to wait, or {@code null}
	 * @param cause the cause, or {@code null}
	 */
	protected ChatApiException(String message, boolean retryable, Duration retryAfter, Throwable cause) {
		super(message, cause);
		this.retryable = retryable;
		this.retryAfter = retryAfter;
	}

	/**
	 * Runs a call that posts, turning this family's failures into delivery failures.
	 * @param call the call
	 * @throws ChatDeliveryException when it failed; of unknown outcome when it timed out
	 * waiting for the answer
	 */
	public static void posting(Runnable call) {
		try {
			call.run();
		}
		catch (ChatApiException ex) {
			throw ex.toDelivery();
		}
	}

	/**
	 * Whether trying again may succeed.
	 * @return true for 429, 5xx and no answer
	 */
	public boolean retryable() {
		return this.retryable;
	}

	/**
	 * How long the platform asked to wait.
	 * @return the wait, or {@code null}
	 */
	public Duration retryAfter() {
		return this.retryAfter;
	}

	/**
	 * As the exception {@link ChatDelivery} understands.
	 * @return the same failure; its outcome is unknown when the call timed out waiting
	 * for the answer
	 */
	public ChatDeliveryException toDelivery() {
		return new ChatDeliveryException(getMessage(), this.retryable, this.retryAfter,
				ChatDeliveryException.unanswered(getCause()), this);
	}

	/**
	 * As the failure of a step that shows nothing in chat (an upload before the post that
	 * names it): its outcome is known whatever happened.
	 * @return the failure, never of unknown outcome
	 */
	public ChatDeliveryException toSilentDelivery() {
		return new ChatDeliveryException(getMessage(), this.retryable, this.retryAfter, false, this);
	}

}
