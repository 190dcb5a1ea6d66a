package io.github.st2chatops.gateway.state;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Claims held in this replica's memory: right for one replica only. Expired claims are
 * dropped as new ones arrive, so memory stays bounded by what the windows allow.
 */
public class InMemoryClaimStore implements ClaimStore {

	private static final int SWEEP_EVERY = 1024;

	private final ConcurrentMap<String, Instant> claims = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, Progress> progress = new ConcurrentHashMap<>();

	private final Clock clock;

	private int sinceSweep;

	public InMemoryClaimStore(Clock clock) {
		this.clock = clock;
	}

	@Override
	public boolean claim(String key, Duration ttl) {
		Instant now = this.clock.instant();
		Instant until = now.plus(ttl);
		AtomicBoolean first = new AtomicBoolean();
		this.claims.compute(key, (k, current) -> {
			if (current == null || !current.isAfter(now)) {
				first.set(true);
				return until;
			}
			return current;
		});
		sweepNowAndThen(now);
		return first.get();
	}

	@Override
	public void release(String key) {
		this.claims.remove(key);
	}

	@Override
	public String progress(String key) {
		Progress recorded = this.progress.get(key);
		return (recorded != null && recorded.until().isAfter(this.clock.instant())) ? recorded.progress() : null;
	}

	@Override
	public void recordProgress(String key, String progress, Duration ttl) {
		this.progress.put(key, new Progress(progress, this.clock.instant().plus(ttl)));
	}

	int size() {
		return this.claims.size();
	}

	private void sweepNowAndThen(Instant now) {
		boolean sweep;
		synchronized (this) {
			sweep = ++this.sinceSweep >= SWEEP_EVERY;
			if (sweep) {
				this.sinceSweep = 0;
			}
		}
		if (sweep) {
			this.claims.values().removeIf((until) -> !until.isAfter(now));
			this.progress.values().removeIf((recorded) -> !recorded.until().isAfter(now));
		}
	}

	private record Progress(String progress, Instant until) {
	}

}
