package io.github.st2chatops.gateway.relay;

import java.time.Duration;

import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How st2's result notifications reach the gateway and are relayed to chat.
 *
 * @param token the bearer token st2 presents when it posts to POST
 * /api/v1/st2/notifications; when unset (or blank) the endpoint answers 404, it is never
 * open. At least 16 characters, no whitespace (e.g. openssl rand -hex 32)
 * @param dedupeWindow how long a notification's delivery key is remembered, so that a
 * repeated notification with the same key is acknowledged and not posted again (default
 * 10m)
 * @param stream the st2 event stream follower
 * @param maxBodySize the largest notification body POST /api/v1/st2/notifications accepts
 * (default 4MB, at most 64MB); larger ones get 413. Other endpoints keep
 * gateway.web.max-body-size
 * @param maxMessageLength the most characters of one result posted to chat as messages
 * (default 40000, at least 1000); a longer result is cut at a line, space or character
 * boundary and ends with a note that says how long it was, so st2's output never posts
 * nothing. A result posted as a file (Slack, Mattermost, Discord, see
 * gateway.chat.delivery.files) is not cut
 */
@ConfigurationProperties("gateway.relay")
public record RelayProperties(String token, @DefaultValue("10m") Duration dedupeWindow, @DefaultValue Stream stream,
		@DefaultValue("4MB") DataSize maxBodySize, @DefaultValue("40000") int maxMessageLength) {

	static final DataSize MAX_BODY_SIZE = DataSize.ofMegabytes(64);

	static final int MIN_TOKEN_LENGTH = 16;

	public RelayProperties {
		token = (token == null || token.isBlank()) ? null : token;
		if (token != null && (token.length() < MIN_TOKEN_LENGTH || token.chars().anyMatch(Character::isWhitespace))) {
			// never echo the token itself
			throw new IllegalArgumentException("gateway.relay.token must be at least " + MIN_TOKEN_LENGTH
					+ " characters without whitespace (e.g. the output of 'openssl rand -hex 32')");
		}
		if (dedupeWindow.isNegative() || dedupeWindow.isZero()) {
			throw new IllegalArgumentException("gateway.relay.dedupe-window must be positive, was " + dedupeWindow);
		}
		if (maxBodySize.toBytes() <= 0 || maxBodySize.compareTo(MAX_BODY_SIZE) > 0) {
			throw new IllegalArgumentException(
					"gateway.relay.max-body-size must be positive and at most 64MB, was " + maxBodySize);
		}
		if (maxMessageLength < 1000) {
			throw new IllegalArgumentException(
					"gateway.relay.max-message-length must be at least 1000, was " + maxMessageLength);
		}
	}

	/**
	 * Whether st2 may push notifications (a token is configured).
	 * @return true when {@link #token()} is set
	 */
	public boolean pushEnabled() {
		return this.token != null;
	}

	@Override
	public String toString() {
		return "RelayProperties[token=" + ((this.token != null) ? "******" : "<unset>") + ", dedupeWindow="
				+ this.dedupeWindow + ", stream=" + this.stream + ", maxBodySize=" + this.maxBodySize
				+ ", maxMessageLength=" + this.maxMessageLength + "]";
	}

	/**
	 * The st2 event stream follower, an alternative (or addition) to pushes: it listens
	 * for {@code st2.announcement__<route>} events (what st2's own
	 * {@code chatops.post_result} sends) and for alias changes.
	 *
	 * @param enabled whether to follow the stream (default false)
	 * @param idleTimeout reconnect when nothing, not even st2's heartbeat (every 25s),
	 * arrived for this long (default 60s)
	 * @param initialBackoff first wait before reconnecting after a failure (default 1s),
	 * doubled on each further failure, with jitter
	 * @param maxBackoff the longest wait between reconnects (default 60s)
	 * @param stableAfter a connection that lasted this long resets the backoff (default
	 * 1m)
	 * @param connectTimeout how long connecting and receiving the response headers may
	 * take (default 10s)
	 * @param lockTtl the TTL of the lock that lets one replica follow the stream (default
	 * 30s); renewed every third of it
	 * @param redeliveries how many more times a streamed notification that chat did not
	 * take is tried, each after the wait chat asked for, between initial-backoff and
	 * max-backoff (default 5); the stream has no retry of its own
	 * @param queueCapacity the most streamed results that may wait for chat (default
	 * 1000); when that many wait, reading the stream pauses (st2 keeps the events for the
	 * connection) until some went out
	 * @param deliveryConcurrency how many chat channels streamed results are delivered to
	 * at once (default 4); one channel's results go out in order, one at a time, so a
	 * channel whose chat fails holds up only itself
	 */
	public record Stream(@DefaultValue("false") boolean enabled, @DefaultValue("60s") Duration idleTimeout,
			@DefaultValue("1s") Duration initialBackoff, @DefaultValue("60s") Duration maxBackoff,
			@DefaultValue("1m") Duration stableAfter, @DefaultValue("10s") Duration connectTimeout,
			@DefaultValue("30s") Duration lockTtl, @DefaultValue("5") int redeliveries,
			@DefaultValue("1000") int queueCapacity, @DefaultValue("4") int deliveryConcurrency) {

		public Stream {
			requirePositive("idle-timeout", idleTimeout);
			requirePositive("initial-backoff", initialBackoff);
			requirePositive("max-backoff", maxBackoff);
			requirePositive("stable-after", stableAfter);
			requirePositive("connect-timeout", connectTimeout);
			requirePositive("lock-ttl", lockTtl);
			if (maxBackoff.compareTo(initialBackoff) < 0) {
				throw new IllegalArgumentException(
						"gateway.relay.stream.max-backoff must be at least gateway.relay.stream.initial-backoff");
			}
			if (lockTtl.compareTo(Duration.ofSeconds(1)) < 0) {
				throw new IllegalArgumentException("gateway.relay.stream.lock-ttl must be at least 1s, was " + lockTtl);
			}
			if (redeliveries < 0) {
				throw new IllegalArgumentException(
						"gateway.relay.stream.redeliveries must not be negative, was " + redeliveries);
			}
			if (queueCapacity < 1) {
				throw new IllegalArgumentException(
						"gateway.relay.stream.queue-capacity must be at least 1, was " + queueCapacity);
			}
			if (deliveryConcurrency < 1 || deliveryConcurrency > 64) {
				throw new IllegalArgumentException(
						"gateway.relay.stream.delivery-concurrency must be between 1 and 64, was "
								+ deliveryConcurrency);
			}
		}

		private static void requirePositive(String name, Duration value) {
			if (value.isNegative() || value.isZero()) {
				throw new IllegalArgumentException("gateway.relay.stream." + name + " must be positive, was " + value);
			}
		}

	}

}
