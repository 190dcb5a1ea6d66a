package io.github.st2chatops.gateway.state;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Claims shared by every replica. A claim's value names the attempt that wrote it and
 * whether that attempt knows it won:
 * <ol>
 * <li>{@code SET <prefix><key> pending:<attempt> NX PX <ttl>}: the first attempt sets the
 * key;</li>
 * <li>once the answer is back, the attempt confirms: {@code pending:<attempt>} becomes
 * {@code held:<attempt>} (same TTL).</li>
 * </ol>
 * A later attempt that finds {@code held:...} is a duplicate. One that finds
 * {@code pending:...} cannot tell whether the writer got its answer (a write that timed
 * out may still be applied by Redis later), so it waits a moment for the confirmation and
 * otherwise refuses with {@link StateUnavailableException} (answered 503: send it again),
 * never as a duplicate.
 * <p>
 * A claim write that timed out is answered 503, and its attempt is then deleted by a
 * compare-and-delete ({@code pending:<attempt>} only) that is retried in the background
 * until Redis answers: whether Redis applied the timed-out write or not, the key ends up
 * free, so the caller's retry runs. A release deletes the key only while it still holds
 * this replica's attempt; one that Redis does not answer is retried the same way.
 * <p>
 * What the work of a claim has done (the parts of a result already posted) is kept beside
 * it under {@code <prefix><key>#progress}, with the claim's window as TTL; a release
 * leaves it, so the next claim of the key, on any replica, resumes.
 */
public class RedisClaimStore implements ClaimStore, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(RedisClaimStore.class);

	static final String PENDING = "pending:";

	static final String HELD = "held:";

	/** The suffix of the key that keeps a claim's progress. */
	static final String PROGRESS_SUFFIX = "#progress";

	/** How long a claim found pending is watched for its confirmation before refusing. */
	static final Duration PENDING_WAIT = Duration.ofMillis(300);

	/**
	 * How many attempts this replica remembers for a release (the keys it claimed most
	 * recently within their windows); an older one is released by key alone.
	 */
	static final int MAX_REMEMBERED = 20_000;

	// '' when this attempt set the key, else the value found
	private static final RedisScript<String> CLAIM = RedisScript.of("""
			if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
				return ''
			end
			return redis.call('GET', KEYS[1])
			""", String.class);

	// pending:<attempt> becomes held:<attempt>, keeping the TTL; 1 when confirmed
	private static final RedisScript<Long> CONFIRM = RedisScript.of("""
			if redis.call('GET', KEYS[1]) == ARGV[1] then
				local ttl = redis.call('PTTL', KEYS[1])
				if ttl > 0 then
					redis.call('SET', KEYS[1], ARGV[2], 'PX', ttl)
				else
					redis.call('SET', KEYS[1], ARGV[2])
				end
				return 1
			end
			return 0
			""", Long.class);

	// deletes the key while it holds one of the given values
	private static final RedisScript<Long> COMPARE_AND_DELETE = RedisScript.of("""
			local current = redis.call('GET', KEYS[1])
			for _, value in ipairs(ARGV) do
				if current == value then
					return redis.call('DEL', KEYS[1])
				end
			end
			return 0
			""", Long.class);

	private final RedisKeyspace keyspace;

	private final String owner;

	private final ClaimRepairs repairs;

	private final LongSupplier nanoTime;

	/** The attempts of this replica's claims, by key, until their windows end. */
	private final Map<String, Attempt> attempts = new ConcurrentHashMap<>();

	RedisClaimStore(RedisKeyspace keyspace, String owner) {
		this(keyspace, owner, new ClaimRepairs(), System::nanoTime);
	}

	RedisClaimStore(RedisKeyspace keyspace, String owner, ClaimRepairs repairs, LongSupplier nanoTime) {
		this.keyspace = keyspace;
		this.owner = owner;
		this.repairs = repairs;
		this.nanoTime = nanoTime;
	}

	@Override
	public boolean claim(String key, Duration ttl) {
		if (ttl.toMillis() <= 0) {
			throw new IllegalArgumentException("A claim's ttl must be at least 1ms, was " + ttl);
		}
		String attempt = this.owner + "/" + UUID.randomUUID();
		String redisKey = this.keyspace.key(key);
		String pending = PENDING + attempt;
		String held = HELD + attempt;
		long waitUntil = this.nanoTime.getAsLong() + PENDING_WAIT.toNanos();
		long pause = 10;
		while (true) {
			String found;
			try {
				found = this.keyspace.call("claim a key",
						(redis) -> redis.execute(CLAIM, List.of(redisKey), pending, Long.toString(ttl.toMillis())));
			}
			catch (StateUnavailableException ex) {
				if (!(ex.getCause() instanceof CallNotPermittedException)) {
					// the write may have been sent and may still be applied: take it
					// back,
					// so that the retry the caller is told to send finds the key free
					this.repairs.submit("take back an unanswered claim (" + kind(key) + ")",
							() -> this.keyspace.unguarded().execute(COMPARE_AND_DELETE, List.of(redisKey), pending),
							ttl);
				}
				throw ex;
			}
			if (found != null && found.isEmpty()) {
				confirm(key, redisKey, pending, held, ttl);
				return true;
			}
			if (found == null || !found.startsWith(PENDING)) {
				// held by an attempt that knew it won (or written by an older version)
				return false;
			}
			if (this.nanoTime.getAsLong() - waitUntil >= 0) {
				throw new StateUnavailableException("An earlier delivery of this key is not confirmed yet (its claim "
						+ "write may have timed out); it is neither run now nor treated as a duplicate", null);
			}
			sleep(pause);
			pause = Math.min(pause * 2, 80);
		}
	}

	@Override
	public void release(String key) {
		String redisKey = this.keyspace.key(key);
		Attempt attempt = this.attempts.remove(key);
		List<String> args = (attempt != null) ? List.of(PENDING + attempt.id(), HELD + attempt.id()) : List.of();
		Duration window = (attempt != null) ? Duration.ofNanos(Math.max(0, attempt.until() - this.nanoTime.getAsLong()))
				: Duration.ZERO;
		Runnable delete = () -> {
			if (args.isEmpty()) {
				this.keyspace.unguarded().delete(redisKey);
			}
			else {
				this.keyspace.unguarded().execute(COMPARE_AND_DELETE, List.of(redisKey), args.toArray());
			}
		};
		// tried at once, not through the circuit breaker: a release is a repair, and the
		// caller answers its own caller only after it, so the retry that follows finds
		// the key free whenever Redis answered or later applies this write first
		try {
			delete.run();
		}
		catch (RuntimeException ex) {
			if (window.isZero()) {
				logger.warn("Could not release a claim; it lapses when its window ends ({})", RedisKeyspace.reason(ex));
				return;
			}
			this.repairs.submit("release a claim (" + kind(key) + ")", delete, window);
		}
	}

	/**
	 * Reads the progress kept beside the claim, under {@code <prefix><key>#progress}
	 * (with the claim's window as its TTL, and not deleted by a release).
	 */
	@Override
	public String progress(String key) {
		return this.keyspace.call("read a claim's progress", (redis) -> redis.opsForValue().get(progressKey(key)));
	}

	@Override
	public void recordProgress(String key, String progress, Duration ttl) {
		this.keyspace.call("record a claim's progress", (redis) -> {
			redis.opsForValue().set(progressKey(key), progress, ttl);
			return null;
		});
	}

	private String progressKey(String key) {
		return this.keyspace.key(key + PROGRESS_SUFFIX);
	}

	/**
	 * Outstanding repairs, for health.
	 * @return how many claim writes wait for Redis to answer
	 */
	int pendingRepairs() {
		return this.repairs.pending();
	}

	@Override
	public void destroy() {
		this.repairs.shutdown(Duration.ofSeconds(2));
	}

	private void confirm(String key, String redisKey, String pending, String held, Duration ttl) {
		remember(key, pending.substring(PENDING.length()), ttl);
		Runnable confirm = () -> this.keyspace.unguarded().execute(CONFIRM, List.of(redisKey), pending, held);
		try {
			confirm.run();
		}
		catch (RuntimeException ex) {
			// the key is ours (Redis answered the claim); until the confirmation lands a
			// repeat is answered 503, never run
			this.repairs.submit("confirm a claim (" + kind(key) + ")", confirm, ttl);
		}
	}

	private void remember(String key, String attempt, Duration ttl) {
		long now = this.nanoTime.getAsLong();
		if (this.attempts.size() >= MAX_REMEMBERED) {
			this.attempts.values().removeIf((remembered) -> remembered.until() - now <= 0);
			if (this.attempts.size() >= MAX_REMEMBERED) {
				// still full: forget one, whose release then deletes by key alone
				this.attempts.keySet().stream().findAny().ifPresent(this.attempts::remove);
			}
		}
		this.attempts.put(key, new Attempt(attempt, now + ttl.toNanos()));
	}

	/**
	 * What kind of key, for logs: a key may end in a signature, which never goes to a
	 * log.
	 * @param key the key
	 * @return the key up to its last {@code :}
	 */
	static String kind(String key) {
		int end = key.lastIndexOf(':');
		return (end > 0) ? key.substring(0, end) : "key";
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StateUnavailableException("Interrupted while waiting for a claim's confirmation", ex);
		}
	}

	private record Attempt(String id, long until) {
	}

}
