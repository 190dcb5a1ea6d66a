package io.github.st2chatops.gateway.command;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.st2chatops.gateway.state.RateCounter;
import io.github.st2chatops.gateway.state.StateUnavailableException;

/**
 * Limits counted in the shared store ({@code ratelimit:user:<user>} and
 * {@code ratelimit:channel:<channel>}), so a user's commands count the same whichever
 * replica they reach. While the store is unreachable each replica counts on its own (the
 * in-memory limiter), and says so once when that starts and once when it ends.
 */
final class SharedCommandRateLimiter implements CommandRateLimiter {

	private static final Logger logger = LoggerFactory.getLogger(SharedCommandRateLimiter.class);

	private final RateLimitProperties.Rate userRate;

	private final RateLimitProperties.Rate channelRate;

	private final RateCounter counter;

	private final CommandRateLimiter fallback;

	private final AtomicBoolean shared = new AtomicBoolean(true);

	SharedCommandRateLimiter(RateLimitProperties properties, RateCounter counter, CommandRateLimiter fallback) {
		this.userRate = properties.userRate();
		this.channelRate = properties.channelRate();
		this.counter = counter;
		this.fallback = fallback;
	}

	@Override
	public Optional<Duration> acquire(Requester requester) {
		Optional<Duration> wait;
		try {
			wait = this.counter.hit("user:" + requester.user(), this.userRate.count(), this.userRate.period());
			if (wait.isEmpty() && requester.channel() != null) {
				wait = this.counter.hit("channel:" + requester.channel(), this.channelRate.count(),
						this.channelRate.period());
			}
		}
		catch (StateUnavailableException ex) {
			if (this.shared.compareAndSet(true, false)) {
				logger.warn("Rate limits fall back to this replica's own counts: {}", ex.getMessage());
			}
			return this.fallback.acquire(requester);
		}
		if (this.shared.compareAndSet(false, true)) {
			logger.info("Rate limits are counted across replicas again");
		}
		return wait;
	}

	boolean isShared() {
		return this.shared.get();
	}

}
