package io.github.st2chatops.gateway.chat;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How messages to chat are retried.
 *
 * @param timeout how long one message may take, all tries included (default 20s)
 * @param initialBackoff wait before the first retry (default 500ms), doubled each time
 * @param maxBackoff the longest wait between tries (default 5s), unless the platform asks
 * for longer with Retry-After
 */
@ConfigurationProperties("gateway.chat.delivery")
public record DeliveryProperties(@DefaultValue("20s") Duration timeout, @DefaultValue("500ms") Duration initialBackoff,
		@DefaultValue("5s") Duration maxBackoff) {

	public DeliveryProperties {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("gateway.chat.delivery.timeout must be positive");
		}
		if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
			throw new IllegalArgumentException(
					"gateway.chat.delivery.initial-backoff must be positive and at most max-backoff");
		}
	}

}
