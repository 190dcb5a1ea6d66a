package io.github.st2chatops.gateway.chat;

import java.time.Duration;

/**
 * How delivering one message went.
 */
public sealed interface DeliveryResult {

	/**
	 * Whether the platform took the message.
	 * @return true when delivered
	 */
	default boolean delivered() {
		return this instanceof Delivered;
	}

	/**
	 * The platform took it.
	 *
	 * @param attempts how many tries it took
	 * @param unconfirmed how many of its posts went out without an answer (a read
	 * timeout) and were not sent again: the platform may or may not show them
	 */
	record Delivered(int attempts, int unconfirmed) implements DeliveryResult {

		/**
		 * Taken, every post confirmed.
		 * @param attempts how many tries it took
		 */
		public Delivered(int attempts) {
			this(attempts, 0);
		}

	}

	/**
	 * The platform kept failing until the time ran out; trying later may work.
	 *
	 * @param reason the last failure
	 * @param retryAfter a sensible wait before trying again
	 */
	record Failed(String reason, Duration retryAfter) implements DeliveryResult {
	}

	/**
	 * The platform refused it for good (unknown channel, revoked token ...).
	 *
	 * @param reason why
	 */
	record Rejected(String reason) implements DeliveryResult {
	}

	/**
	 * No configured platform serves its address.
	 *
	 * @param reason why
	 */
	record Unroutable(String reason) implements DeliveryResult {
	}

}
