package io.github.st2chatops.gateway.command;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;

/**
 * Per-replica limits with resilience4j {@code RateLimiter}s, one per user and one per
 * channel, the least recently used forgotten beyond a bound so that many users cannot
 * grow the heap.
 */
final class InMemoryCommandRateLimiter implements CommandRateLimiter {

	/**
	 * How many users and channels are remembered each; the least recently seen go first.
	 */
	static final int MAX_TRACKED = 10_000;

	private final RateLimiterConfig userConfig;

	private final RateLimiterConfig channelConfig;

	private final Map<String, AtomicRateLimiter> users;

	private final Map<String, AtomicRateLimiter> channels;

	InMemoryCommandRateLimiter(RateLimitProperties properties) {
		this(properties, MAX_TRACKED);
	}

	InMemoryCommandRateLimiter(RateLimitProperties properties, int maxTracked) {
		this.userConfig = config(properties.userRate());
		this.channelConfig = config(properties.channelRate());
		this.users = lru(maxTracked);
		this.channels = lru(maxTracked);
	}

	@Override
	public Optional<Duration> acquire(Requester requester) {
		Optional<Duration> wait = take(this.users, this.userConfig, requester.user());
		if (wait.isPresent() || requester.channel() == null) {
			return wait;
		}
		return take(this.channels, this.channelConfig, requester.channel());
	}

	private static Optional<Duration> take(Map<String, AtomicRateLimiter> limiters, RateLimiterConfig config,
			String key) {
		AtomicRateLimiter limiter;
		synchronized (limiters) {
			limiter = limiters.computeIfAbsent(key, (name) -> new AtomicRateLimiter(name, config));
		}
		if (limiter.acquirePermission()) {
			return Optional.empty();
		}
		long nanos = limiter.getDetailedMetrics().getNanosToWait();
		return Optional.of(Duration.ofNanos(Math.max(nanos, 0)));
	}

	private static RateLimiterConfig config(RateLimitProperties.Rate rate) {
		return RateLimiterConfig.custom()
			.limitForPeriod(rate.count())
			.limitRefreshPeriod(rate.period())
			.timeoutDuration(Duration.ZERO)
			.build();
	}

	private static Map<String, AtomicRateLimiter> lru(int maxEntries) {
		return new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, AtomicRateLimiter> eldest) {
				return size() > maxEntries;
			}

		};
	}

}
