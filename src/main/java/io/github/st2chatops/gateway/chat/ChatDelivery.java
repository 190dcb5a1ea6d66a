package io.github.st2chatops.gateway.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a message to its platform, retrying 429s, 5xx and timeouts with exponential
 * backoff and jitter, honouring {@code Retry-After}, within a bounded time. Every failure
 * is logged and counted; nothing is dropped silently.
 *
 * Spring's {@code RetryTemplate} backs off on its own schedule; a platform's
 * {@code Retry-After} must set the next wait, so the loop is ours.
 */
public class ChatDelivery {

	private static final Logger logger = LoggerFactory.getLogger(ChatDelivery.class);

	private final ChatSenders senders;

	private final DeliveryProperties properties;

	private final Clock clock;

	private final Sleeper sleeper;

	private final MeterRegistry meterRegistry;

	public ChatDelivery(ChatSenders senders, DeliveryProperties properties, Clock clock, Sleeper sleeper,
			MeterRegistry meterRegistry) {
		this.senders = senders;
		this.properties = properties;
		this.clock = clock;
		this.sleeper = sleeper;
		this.meterRegistry = meterRegistry;
	}

	/**
	 * Delivers one message, retrying within {@code gateway.chat.delivery.timeout}.
	 * @param reply the message
	 * @return how it went
	 */
	public DeliveryResult deliver(ChatReply reply) {
		String platform = reply.address().platform();
		ChatSender sender = this.senders.forPlatform(platform).orElse(null);
		if (sender == null) {
			count(platform, "unroutable");
			logger.warn("No chat platform '{}' is configured; message to channel {} not delivered", platform,
					reply.address().channel());
			return new DeliveryResult.Unroutable("platform '" + platform + "' is not configured");
		}
		Instant deadline = this.clock.instant().plus(this.properties.timeout());
		Duration backoff = this.properties.initialBackoff();
		for (int attempt = 1;; attempt++) {
			try {
				sender.send(reply);
				count(platform, "delivered");
				if (attempt > 1) {
					logger.info("Message to {} channel {} delivered after {} tries", platform,
							reply.address().channel(), attempt);
				}
				return new DeliveryResult.Delivered(attempt);
			}
			catch (ChatDeliveryException ex) {
				if (!ex.retryable()) {
					count(platform, "rejected");
					logger.warn("{} refused a message to channel {}: {}", platform, reply.address().channel(),
							ex.getMessage());
					return new DeliveryResult.Rejected(ex.getMessage());
				}
				Duration wait = nextWait(ex.retryAfter(), backoff);
				Instant now = this.clock.instant();
				if (now.plus(wait).isAfter(deadline)) {
					count(platform, "failed");
					logger.warn("Giving up on a message to {} channel {} after {} tries: {}", platform,
							reply.address().channel(), attempt, ex.getMessage());
					return new DeliveryResult.Failed(ex.getMessage(),
							(ex.retryAfter() != null) ? ex.retryAfter() : wait);
				}
				this.meterRegistry.counter("gateway.chat.delivery.retries", "platform", platform).increment();
				logger.info("{} did not take a message to channel {} ({}); retrying in {} ms", platform,
						reply.address().channel(), ex.getMessage(), wait.toMillis());
				if (!this.sleeper.sleep(wait)) {
					count(platform, "failed");
					return new DeliveryResult.Failed("interrupted", wait);
				}
				backoff = min(backoff.multipliedBy(2), this.properties.maxBackoff());
			}
		}
	}

	private Duration nextWait(Duration retryAfter, Duration backoff) {
		if (retryAfter != null && !retryAfter.isNegative()) {
			return retryAfter;
		}
		// full jitter between half the backoff and the whole of it
		long millis = backoff.toMillis();
		return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private void count(String platform, String outcome) {
		this.meterRegistry.counter("gateway.chat.deliveries", "platform", platform, "outcome", outcome).increment();
	}

	/**
	 * Waits between tries; tests replace it so that no test sleeps.
	 */
	@FunctionalInterface
	public interface Sleeper {

		/**
		 * Waits.
		 * @param duration how long
		 * @return false when interrupted
		 */
		boolean sleep(Duration duration);

		/**
		 * The real sleeper.
		 * @return a sleeper that blocks the calling thread
		 */
		static Sleeper threadSleep() {
			return (duration) -> {
				try {
					Thread.sleep(duration.toMillis());
					return true;
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			};
		}

	}

}
