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
	 */
	record Delivered(int attempts) implements DeliveryResult {
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
