package io.github.st2chatops.gateway.chat;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How messages to chat are retried, and when a long one goes as a file.
 *
 * @param timeout how long one message may take, all tries included (default 20s)
 * @param initialBackoff wait before the first retry (default 500ms), doubled each time
 * @param maxBackoff the longest wait between tries (default 5s), unless the platform asks
 * for longer with Retry-After
 * @param files long results as files, where the platform takes files (Slack, Mattermost,
 * Discord)
 */
@ConfigurationProperties("gateway.chat.delivery")
public record DeliveryProperties(@DefaultValue("20s") Duration timeout, @DefaultValue("500ms") Duration initialBackoff,
		@DefaultValue("5s") Duration maxBackoff, @DefaultValue Files files) {

	public DeliveryProperties {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("gateway.chat.delivery.timeout must be positive");
		}
		if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
			throw new IllegalArgumentException(
					"gateway.chat.delivery.initial-backoff must be positive and at most max-backoff");
		}
		files = (files != null) ? files : new Files(true, null);
	}

	/**
	 * Long results as files.
	 *
	 * @param enabled whether a long text goes as a file where the platform takes files
	 * (default true); when false, or on platforms without files (Teams, Rocket.Chat,
	 * generic), it is split into several messages, the first saying so
	 * @param minLength the length in characters from which a text goes as a file; unset
	 * (the default) means three of the platform's messages (12000 on Slack, 49149 on
	 * Mattermost); at least 100
	 */
	public record Files(@DefaultValue("true") boolean enabled, Integer minLength) {

		public Files {
			if (minLength != null && minLength < 100) {
				throw new IllegalArgumentException(
						"gateway.chat.delivery.files.min-length must be at least 100, was " + minLength);
			}
		}

		/**
		 * The length from which a text goes as a file on a platform.
		 * @param messageLimit the platform's longest message
		 * @return the threshold in characters
		 */
		public int threshold(int messageLimit) {
			return (this.minLength != null) ? this.minLength : (int) Math.min(Integer.MAX_VALUE, 3L * messageLimit);
		}

	}

}
