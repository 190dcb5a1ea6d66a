package io.github.st2chatops.gateway.state;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes that repair a claim after Redis failed to answer (a compare-and-delete of a
 * claim whose outcome is unknown, a confirmation, a release), retried in the background
 * until Redis answers or the claim's window ends, whichever comes first. Each repair is
 * idempotent (it compares the attempt id in the claim's value), so trying it again after
 * an unanswered try is safe.
 */
class ClaimRepairs {

	private static final Logger logger = LoggerFactory.getLogger(ClaimRepairs.class);

	static final Duration FIRST_DELAY = Duration.ofMillis(100);

	static final Duration MAX_DELAY = Duration.ofSeconds(2);

	/** Beyond this many outstanding repairs, new ones are dropped (and logged). */
	static final int MAX_PENDING = 10_000;

	private final ScheduledThreadPoolExecutor executor;

	private final AtomicInteger pending = new AtomicInteger();

	private final LongSupplier nanoTime;

	ClaimRepairs() {
		this(System::nanoTime);
	}

	ClaimRepairs(LongSupplier nanoTime) {
		this.nanoTime = nanoTime;
		this.executor = new ScheduledThreadPoolExecutor(1, (runnable) -> {
			Thread thread = new Thread(runnable, "claim-repairs");
			thread.setDaemon(true);
			return thread;
		});
		this.executor.setRemoveOnCancelPolicy(true);
	}

	/**
	 * Tries a repair now (on the background thread) and again until it succeeds or the
	 * window ends.
	 * @param what what the repair does, for logs
	 * @param repair the write; it throws when Redis did not answer
	 * @param window how long the repair is worth trying (the claim's remaining window)
	 */
	void submit(String what, Runnable repair, Duration window) {
		if (this.pending.incrementAndGet() > MAX_PENDING) {
			this.pending.decrementAndGet();
			logger.warn("Too many claim repairs outstanding ({}); not retrying to {}: the key lapses when its "
					+ "window ends", MAX_PENDING, what);
			return;
		}
		Repair task = new Repair(what, repair, this.nanoTime.getAsLong() + window.toNanos());
		try {
			this.executor.execute(task);
		}
		catch (RejectedExecutionException ex) {
			this.pending.decrementAndGet();
			logger.warn("Shutting down; could not {}: the key lapses when its window ends", what);
		}
	}

	/**
	 * How many repairs are still waiting for Redis.
	 * @return the count
	 */
	int pending() {
		return this.pending.get();
	}

	/**
	 * Gives outstanding repairs a last chance, then stops.
	 * @param grace how long to wait for them
	 */
	void shutdown(Duration grace) {
		long deadline = this.nanoTime.getAsLong() + grace.toNanos();
		while (this.pending.get() > 0 && this.nanoTime.getAsLong() - deadline < 0) {
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		this.executor.shutdownNow();
		int left = this.pending.get();
		if (left > 0) {
			logger.warn("{} claim repairs could not be written before shutdown; their keys lapse when their windows "
					+ "end (until then a retry of an unconfirmed claim is answered 503, of a held one 'duplicate')",
					left);
		}
	}

	private final class Repair implements Runnable {

		private final String what;

		private final Runnable repair;

		private final long deadline;

		private int failures;

		Repair(String what, Runnable repair, long deadline) {
			this.what = what;
			this.repair = repair;
			this.deadline = deadline;
		}

		@Override
		public void run() {
			try {
				this.repair.run();
				ClaimRepairs.this.pending.decrementAndGet();
				if (this.failures > 0) {
					logger.info("Redis answered after {} tries: could {}", this.failures + 1, this.what);
				}
				return;
			}
			catch (RuntimeException ex) {
				this.failures++;
				if (this.failures == 1) {
					logger.warn("Could not {} yet; trying again until Redis answers ({})", this.what,
							RedisKeyspace.reason(ex));
				}
			}
			if (ClaimRepairs.this.nanoTime.getAsLong() - this.deadline >= 0) {
				ClaimRepairs.this.pending.decrementAndGet();
				logger.warn("Gave up trying to {}: the claim's window has ended", this.what);
				return;
			}
			long delay = Math.min(MAX_DELAY.toMillis(), FIRST_DELAY.toMillis() << Math.min(this.failures - 1, 10));
			try {
				ClaimRepairs.this.executor.schedule(this, delay, TimeUnit.MILLISECONDS);
			}
			catch (RejectedExecutionException ex) {
				ClaimRepairs.this.pending.decrementAndGet();
			}
		}

	}

}
