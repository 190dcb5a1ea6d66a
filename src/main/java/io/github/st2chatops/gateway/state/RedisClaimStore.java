package io.github.st2chatops.gateway.state;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Claims shared by every replica: {@code SET <prefix><key> <owner> NX PX <ttl>}, so the
 * first replica to set the key wins and Redis forgets it when the window ends.
 */
public class RedisClaimStore implements ClaimStore {

	private static final Logger logger = LoggerFactory.getLogger(RedisClaimStore.class);

	private final StringRedisTemplate redis;

	private final RedisGuard guard;

	private final String keyPrefix;

	private final String owner;

	RedisClaimStore(StringRedisTemplate redis, RedisGuard guard, String keyPrefix, String owner) {
		this.redis = redis;
		this.guard = guard;
		this.keyPrefix = keyPrefix;
		this.owner = owner;
	}

	@Override
	public boolean claim(String key, Duration ttl) {
		if (ttl.isNegative() || ttl.isZero()) {
			throw new IllegalArgumentException("A claim's ttl must be positive, was " + ttl);
		}
		Boolean first = this.guard.call("claim a key",
				() -> this.redis.opsForValue().setIfAbsent(this.keyPrefix + key, this.owner, ttl));
		return Boolean.TRUE.equals(first);
	}

	@Override
	public void release(String key) {
		try {
			this.guard.call("release a claim", () -> this.redis.delete(this.keyPrefix + key));
		}
		catch (StateUnavailableException ex) {
			// the claim stays until its window ends: a repeat is then refused as a
			// duplicate rather than risk running twice
			logger.warn("Could not release a claim; it lapses when its window ends ({})", ex.getMessage());
		}
	}

}
