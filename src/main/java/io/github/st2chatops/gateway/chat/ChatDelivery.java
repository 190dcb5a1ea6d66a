package io.github.st2chatops.gateway.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a message to its platform, retrying 429s, 5xx and timeouts with exponential
 * backoff and jitter, honouring {@code Retry-After}, within a bounded time. Every failure
 * is logged and counted; nothing is dropped silently. Each part goes through a
 * {@link PostLog}, so a retry posts only what did not go out, and a part whose answer
 * timed out is not posted again unless the platform deduplicates it. A long text goes as
 * a file where the platform takes files ({@link ChatFileSender}); a command's reply never
 * does.
 *
 * Spring's {@code RetryTemplate} backs off on its own schedule; a platform's
 * {@code Retry-After} must set the next wait, so the loop is ours.
 */
public class ChatDelivery {

	private static final Logger logger = LoggerFactory.getLogger(ChatDelivery.class);

	/** The longest preview of a result posted as a file. */
	static final int PREVIEW_LENGTH = 1500;

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
	 * Delivers one message (a command's reply), retrying within
	 * {@code gateway.chat.delivery.timeout}; what was posted is remembered for this call
	 * only. It is posted as messages as it is (split to the platform's size), never as a
	 * file.
	 * @param reply the message
	 * @return how it went
	 */
	public DeliveryResult deliver(ChatReply reply) {
		return deliver(reply, DeliveryLedger.inMemory(), Integer.MAX_VALUE, false);
	}

	/**
	 * Delivers one message, retrying within {@code gateway.chat.delivery.timeout}, and
	 * resuming at the first part the ledger does not hold as posted. A text longer than
	 * the file threshold goes as a file where the platform takes files; else, or when the
	 * upload fails, it is split into messages, the first saying so, cut to
	 * {@code maxSplitLength} first.
	 * @param reply the message
	 * @param ledger where the delivery's progress is kept between tries
	 * @param maxSplitLength the most characters posted as messages (at least 256)
	 * @return how it went
	 */
	public DeliveryResult deliver(ChatReply reply, DeliveryLedger ledger, int maxSplitLength) {
		return deliver(reply, ledger, maxSplitLength, true);
	}

	private DeliveryResult deliver(ChatReply reply, DeliveryLedger ledger, int maxSplitLength, boolean result) {
		String platform = reply.address().platform();
		ChatSender sender = this.senders.forPlatform(platform).orElse(null);
		if (sender == null) {
			count(platform, "unroutable");
			logger.warn("No chat platform '{}' is configured; message to channel {} not delivered", platform,
					reply.address().channel());
			return new DeliveryResult.Unroutable("platform '" + platform + "' is not configured");
		}
		PostLog log = new PostLog(ledger, this.clock);
		Instant deadline = this.clock.instant().plus(this.properties.timeout());
		Duration backoff = this.properties.initialBackoff();
		for (int attempt = 1;; attempt++) {
			try {
				sendOnce(sender, reply, log, maxSplitLength, result);
				count(platform, (log.unconfirmed() > 0) ? "unconfirmed" : "delivered");
				if (attempt > 1) {
					logger.info("Message to {} channel {} delivered after {} tries", platform,
							reply.address().channel(), attempt);
				}
				if (log.unconfirmed() > 0) {
					logger.warn(
							"{} did not answer {} posts of a message to channel {} in time; they may have been "
									+ "posted and are not sent again",
							platform, log.unconfirmed(), reply.address().channel());
				}
				return new DeliveryResult.Delivered(attempt, log.unconfirmed());
			}
			catch (ChatDeliveryException ex) {
				if (!ex.retryable()) {
					count(platform, "rejected");
					logger.warn("{} refused a message to channel {}: {}", platform, reply.address().channel(),
							ex.getMessage());
					return new DeliveryResult.Rejected(ex.getMessage());
				}
				Duration wait = ex.outcomeUnknown() ? Duration.ZERO : nextWait(ex.retryAfter(), backoff);
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
				if (!wait.isZero() && !this.sleeper.sleep(wait)) {
					count(platform, "failed");
					return new DeliveryResult.Failed("interrupted", wait);
				}
				if (!ex.outcomeUnknown()) {
					backoff = min(backoff.multipliedBy(2), this.properties.maxBackoff());
				}
			}
		}
	}

	private void sendOnce(ChatSender sender, ChatReply reply, PostLog log, int maxSplitLength, boolean result) {
		String text = (reply.text() != null) ? reply.text() : "";
		int threshold = this.properties.files().threshold(sender.messageLimit());
		boolean longText = result && text.length() > threshold;
		// no platform shows a file to one user only: a whisper goes in parts
		if (longText && !reply.whisper() && this.properties.files().enabled()
				&& sender instanceof ChatFileSender fileSender && !log.failed(ChatFile.STEP)) {
			try {
				fileSender.sendFile(reply, ChatFile.ofResult(text, Math.min(sender.messageLimit(), PREVIEW_LENGTH)),
						log);
				return;
			}
			catch (ChatDeliveryException ex) {
				if (ex.outcomeUnknown()) {
					throw ex;
				}
				// nothing of the file is visible: post the text in parts instead, on
				// this try and every later one
				log.fail(ChatFile.STEP);
				this.meterRegistry.counter("gateway.chat.delivery.file-fallbacks", "platform", sender.platform())
					.increment();
				logger.warn("{} did not take a result as a file ({}); posting it in parts instead", sender.platform(),
						ex.getMessage());
			}
		}
		if (!longText && text.length() <= maxSplitLength) {
			sender.send(reply, log);
			return;
		}
		String posted = (text.length() > maxSplitLength) ? MessageSplitter.truncate(text, maxSplitLength) : text;
		if (longText && posted.length() > sender.messageLimit()) {
			posted = String.format(Locale.ROOT, "_(a long result, %,d characters: cut into several messages)_\n",
					text.length()) + posted;
		}
		sender.send(new ChatReply(reply.address(), posted, reply.extra(), reply.whisper()), log);
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
