package io.github.st2chatops.gateway.state;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Fixed windows in Redis: one Lua script increments {@code <prefix>ratelimit:<bucket>}
 * and, on the window's first hit (or if the key somehow has no expiry), sets its expiry
 * to the window, so counting and expiry are one atomic step on the server, never a
 * read-then-write race between replicas. One key per script call, so it works on a
 * cluster too.
 */
public class RedisRateCounter implements RateCounter {

	// returns {count in this window, milliseconds until the window ends}
	static final RedisScript<List> HIT = new DefaultRedisScript<>("""
			local count = redis.call('INCR', KEYS[1])
			local ttl = redis.call('PTTL', KEYS[1])
			if ttl < 0 then
			  redis.call('PEXPIRE', KEYS[1], ARGV[1])
			  ttl = tonumber(ARGV[1])
			end
			return {count, ttl}
			""", List.class);

	private final RedisKeyspace keyspace;

	RedisRateCounter(RedisKeyspace keyspace) {
		this.keyspace = keyspace;
	}

	@Override
	public Optional<Duration> hit(String bucket, int limit, Duration window) {
		if (limit <= 0 || window.isNegative() || window.isZero()) {
			throw new IllegalArgumentException("A rate needs a positive limit and window, was " + limit + "/" + window);
		}
		String key = key(bucket);
		List<?> result = this.keyspace.call("count a rate-limit hit",
				(redis) -> redis.execute(HIT, List.of(key), Long.toString(Math.max(1, window.toMillis()))));
		if (result == null || result.size() != 2) {
			throw new StateUnavailableException("Redis answered the rate-limit script with " + result, null);
		}
		long count = ((Number) result.get(0)).longValue();
		long ttl = ((Number) result.get(1)).longValue();
		return (count <= limit) ? Optional.empty() : Optional.of(Duration.ofMillis(Math.max(ttl, 0)));
	}

	String key(String bucket) {
		return this.keyspace.key("ratelimit:" + bucket);
	}

}
