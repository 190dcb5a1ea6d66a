package io.github.st2chatops.gateway.state;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A lock in Redis that at most one replica holds: a key {@code <prefix>lock:<name>} whose
 * value is this replica's random owner id, with a TTL. Taking, renewing and releasing are
 * Lua scripts, so a replica only ever extends or deletes the key while it is still its
 * own.
 * <p>
 * {@link #isHeld} does not ask Redis: it is true only until the TTL of the last
 * successful take or renewal, counted from before that call was sent. A replica that
 * stalled past the TTL (a GC pause, a network partition) therefore believes it lost the
 * lock even before it can reach Redis again, and a replica that cannot reach Redis does
 * not hold the lock.
 */
public class RedisLeaderLock implements LeaderLock, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(RedisLeaderLock.class);

	// take the lock if free, renew it if ours; 1 = held, 0 = someone else holds it
	private static final RedisScript<Long> ACQUIRE_OR_RENEW = RedisScript.of("""
			local current = redis.call('GET', KEYS[1])
			if current == false then
				redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
				return 1
			end
			if current == ARGV[1] then
				redis.call('PEXPIRE', KEYS[1], ARGV[2])
				return 1
			end
			return 0
			""", Long.class);

	private static final RedisScript<Long> RELEASE = RedisScript.of("""
			if redis.call('GET', KEYS[1]) == ARGV[1] then
				return redis.call('DEL', KEYS[1])
			end
			return 0
			""", Long.class);

	private final RedisKeyspace keyspace;

	private final String owner;

	private final LongSupplier nanoTime;

	/** Per lock name, the {@link System#nanoTime()} until which it is surely ours. */
	private final Map<String, Long> heldUntil = new ConcurrentHashMap<>();

	RedisLeaderLock(RedisKeyspace keyspace, String owner) {
		this(keyspace, owner, System::nanoTime);
	}

	RedisLeaderLock(RedisKeyspace keyspace, String owner, LongSupplier nanoTime) {
		this.keyspace = keyspace;
		this.owner = owner;
		this.nanoTime = nanoTime;
	}

	@Override
	public boolean acquireOrRenew(String name, Duration ttl) {
		if (ttl.toMillis() <= 0) {
			throw new IllegalArgumentException("A lock's ttl must be at least 1ms, was " + ttl);
		}
		long sent = this.nanoTime.getAsLong();
		Long held;
		try {
			held = this.keyspace.call("take or renew the lock '" + name + "'", (redis) -> redis
				.execute(ACQUIRE_OR_RENEW, List.of(key(name)), this.owner, Long.toString(ttl.toMillis())));
		}
		catch (StateUnavailableException ex) {
			if (this.heldUntil.remove(name) != null) {
				logger.warn("Lost the lock '{}': {}", name, ex.getMessage());
			}
			return false;
		}
		if (held != null && held == 1L) {
			this.heldUntil.put(name, sent + ttl.toNanos());
			return true;
		}
		this.heldUntil.remove(name);
		return false;
	}

	@Override
	public boolean isHeld(String name) {
		Long until = this.heldUntil.get(name);
		return until != null && this.nanoTime.getAsLong() - until < 0;
	}

	@Override
	public void release(String name) {
		this.heldUntil.remove(name);
		try {
			this.keyspace.call("release the lock '" + name + "'",
					(redis) -> redis.execute(RELEASE, List.of(key(name)), this.owner));
		}
		catch (StateUnavailableException ex) {
			logger.warn("Could not release the lock '{}'; another replica takes it when its TTL ends ({})", name,
					ex.getMessage());
		}
	}

	/**
	 * Releases whatever this replica still holds, so that another one takes over at once.
	 */
	@Override
	public void destroy() {
		for (String name : List.copyOf(this.heldUntil.keySet())) {
			release(name);
		}
	}

	String owner() {
		return this.owner;
	}

	private String key(String name) {
		return this.keyspace.key("lock:" + name);
	}

}
