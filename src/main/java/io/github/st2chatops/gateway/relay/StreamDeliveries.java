package io.github.st2chatops.gateway.relay;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The results read from st2's stream on their way to chat: a bounded queue with one lane
 * per chat channel. A lane delivers its results in order, one at a time; up to
 * {@code concurrency} lanes deliver at once, so a channel whose chat fails (a Teams
 * webhook answering 503) waits alone while the others go on. A result chat did not take
 * is tried again after the wait chat asked for, up to {@code redeliveries} more times,
 * without holding a worker while it waits. When the queue is full, {@link #offer} blocks:
 * the stream reader stops reading, and st2 keeps the events for the connection.
 * <p>
 * {@link #drain} (on shutdown) stops taking results, lets the queued ones go out until
 * its deadline, then reports every one left. Every result that does not reach chat is
 * logged and counted in {@code gateway.relay.stream.dropped} by reason; none disappears
 * silently.
 */
final class StreamDeliveries {

	private static final Logger logger = LoggerFactory.getLogger(StreamDeliveries.class);

	private final Relayer relayer;

	private final int capacity;

	private final Redelivery redelivery;

	private final MeterRegistry meterRegistry;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition notFull = this.lock.newCondition();

	private final Condition empty = this.lock.newCondition();

	/** Lanes with results, by channel, in the order they were opened. */
	private final Map<String, Lane> lanes = new LinkedHashMap<>();

	private final ExecutorService workers;

	private final ScheduledExecutorService timer;

	private int pending;

	private volatile int queued;

	private boolean accepting = true;

	private boolean draining;

	private boolean closed;

	private long deadlineNanos;

	private boolean fullReported;

	/** Results given up since {@link #drain} began. */
	private int droppedWhileDraining;

	/**
	 * A queue.
	 * @param relayer what delivers one result
	 * @param capacity the most results that may wait (in flight included)
	 * @param concurrency how many channels are delivered to at once
	 * @param redelivery how a result chat did not take is tried again
	 * @param meterRegistry where the queue length and the dropped results are counted
	 */
	StreamDeliveries(Relayer relayer, int capacity, int concurrency, Redelivery redelivery,
			MeterRegistry meterRegistry) {
		this.relayer = relayer;
		this.capacity = capacity;
		this.redelivery = redelivery;
		this.meterRegistry = meterRegistry;
		this.workers = Executors.newFixedThreadPool(concurrency, daemon("st2-stream-delivery-"));
		this.timer = Executors.newSingleThreadScheduledExecutor(daemon("st2-stream-redelivery-"));
		Gauge.builder("gateway.relay.stream.queued", this, (deliveries) -> deliveries.queued)
			.description("Results read from st2's event stream and not yet relayed to chat")
			.register(meterRegistry);
	}

	/**
	 * Queues a result for its channel, waiting while the queue is full.
	 * @param result the result
	 * @return true when queued; false when the queue no longer takes results (stopping),
	 * in which case the result was reported as dropped
	 * @throws InterruptedException when the caller was interrupted while waiting (the
	 * result was reported as dropped)
	 */
	boolean offer(StreamedResult result) throws InterruptedException {
		this.lock.lock();
		try {
			while (this.pending >= this.capacity && this.accepting) {
				if (!this.fullReported) {
					this.fullReported = true;
					logger.warn(
							"{} streamed results wait for chat; reading st2's event stream pauses until they go out",
							this.pending);
				}
				this.notFull.await();
			}
			if (!this.accepting) {
				dropped(result, Reason.SHUTDOWN);
				return false;
			}
			this.fullReported = false;
			Lane lane = this.lanes.computeIfAbsent(result.channel(), Lane::new);
			lane.entries.add(new Entry(result));
			setPending(this.pending + 1);
			if (!lane.scheduled) {
				lane.scheduled = true;
				submit(lane);
			}
			return true;
		}
		catch (InterruptedException ex) {
			dropped(result, Reason.SHUTDOWN);
			throw ex;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Results queued or being delivered.
	 * @return the count
	 */
	int queued() {
		return this.queued;
	}

	/**
	 * Stops taking results and delivers the queued ones until the deadline; then reports
	 * every result left as dropped (log and metric). Results waiting to be tried again
	 * after the deadline are given up at once.
	 * @param budget how long delivering may go on
	 * @return how many results were given up since the drain began (queued or still in
	 * flight at the deadline, or waiting to be tried again after it)
	 */
	int drain(Duration budget) {
		int dropped;
		this.lock.lock();
		try {
			this.accepting = false;
			this.draining = true;
			this.deadlineNanos = System.nanoTime() + budget.toNanos();
			this.notFull.signalAll();
			if (this.pending > 0) {
				logger.info("Stopping: relaying {} streamed results within {}", this.pending, budget);
			}
			for (Lane lane : new ArrayList<>(this.lanes.values())) {
				if (lane.wakeUp != null && lane.wakeUp.getDelay(TimeUnit.NANOSECONDS) > remainingNanos()) {
					lane.wakeUp.cancel(false);
					lane.wakeUp = null;
					finish(lane, Reason.SHUTDOWN);
				}
			}
			long remaining;
			while (this.pending > 0 && (remaining = remainingNanos()) > 0) {
				this.empty.awaitNanos(remaining);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			giveUpTheRest();
			dropped = this.droppedWhileDraining;
			this.lock.unlock();
		}
		this.workers.shutdown();
		this.timer.shutdownNow();
		return dropped;
	}

	// holding the lock
	private void giveUpTheRest() {
		for (Lane lane : this.lanes.values()) {
			if (lane.wakeUp != null) {
				lane.wakeUp.cancel(false);
			}
			boolean head = true;
			for (Entry entry : lane.entries) {
				dropped(entry.result, (head && lane.inFlight) ? Reason.IN_FLIGHT : Reason.SHUTDOWN);
				head = false;
			}
			lane.entries.clear();
		}
		this.lanes.clear();
		setPending(0);
		this.closed = true;
	}

	private void run(Lane lane) {
		Entry entry;
		this.lock.lock();
		try {
			entry = lane.entries.peek();
			if (entry == null || this.closed) {
				return;
			}
			lane.inFlight = true;
		}
		finally {
			this.lock.unlock();
		}
		Duration retryAfter;
		try {
			retryAfter = retryAfter(this.relayer.relay(entry.result));
		}
		catch (RuntimeException ex) {
			logger.warn("Relaying a streamed {} failed: {}", entry.result.describe(), ex.toString());
			retryAfter = this.redelivery.minWait();
		}
		this.lock.lock();
		try {
			lane.inFlight = false;
			if (this.closed) {
				// already reported as in flight when the grace period ended
				return;
			}
			if (retryAfter != null) {
				entry.tries++;
				Duration wait = min(max(retryAfter, this.redelivery.minWait()), this.redelivery.maxWait());
				if (entry.tries <= this.redelivery.times() && (!this.draining || wait.toNanos() < remainingNanos())) {
					logger.info("Trying a streamed {} again in {} ms", entry.result.describe(), wait.toMillis());
					lane.wakeUp = this.timer.schedule(() -> wakeUp(lane), wait.toMillis(), TimeUnit.MILLISECONDS);
					return;
				}
				finish(lane, this.draining ? Reason.SHUTDOWN : Reason.REDELIVERIES);
			}
			else {
				finish(lane, null);
			}
		}
		catch (RejectedExecutionException ex) {
			// the timer stopped: drain() reports the lane's results
		}
		finally {
			this.lock.unlock();
		}
	}

	private void wakeUp(Lane lane) {
		this.lock.lock();
		try {
			lane.wakeUp = null;
			if (!this.closed) {
				submit(lane);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	// holding the lock: the lane's head is done (delivered, or dropped for the reason
	// given); the lane goes on with its next result, or closes
	private void finish(Lane lane, Reason dropped) {
		Entry done = lane.entries.poll();
		if (done != null) {
			if (dropped != null) {
				dropped(done.result, dropped);
			}
			setPending(this.pending - 1);
			this.notFull.signal();
		}
		if (lane.entries.isEmpty()) {
			lane.scheduled = false;
			this.lanes.remove(lane.channel);
		}
		else {
			// to the back of the workers' queue: every channel gets its turn
			submit(lane);
		}
	}

	// holding the lock
	private void submit(Lane lane) {
		try {
			this.workers.execute(() -> run(lane));
		}
		catch (RejectedExecutionException ex) {
			// stopped: drain() reports the lane's results
		}
	}

	private void setPending(int pending) {
		this.pending = pending;
		this.queued = pending;
		if (pending == 0) {
			this.empty.signalAll();
		}
	}

	private long remainingNanos() {
		return this.deadlineNanos - System.nanoTime();
	}

	// holding the lock
	private void dropped(StreamedResult result, Reason reason) {
		if (this.draining) {
			this.droppedWhileDraining++;
		}
		this.meterRegistry.counter("gateway.relay.stream.dropped", "reason", reason.tag()).increment();
		logger.error("A streamed {} was not posted to chat: {}", result.describe(),
				reason.sentence(this.redelivery.times()));
	}

	private static Duration retryAfter(RelayOutcome outcome) {
		if (outcome instanceof RelayOutcome.Failed failed) {
			return (failed.retryAfter() != null) ? failed.retryAfter() : Duration.ZERO;
		}
		if (outcome instanceof RelayOutcome.Unavailable unavailable) {
			return (unavailable.retryAfter() != null) ? unavailable.retryAfter() : Duration.ZERO;
		}
		return null;
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

	private static ThreadFactory daemon(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * How a result chat did not take is tried again.
	 *
	 * @param times how many more times it is tried
	 * @param minWait the shortest wait before trying it again
	 * @param maxWait the longest wait before trying it again (a longer wait chat asks for
	 * is cut to this)
	 */
	record Redelivery(int times, Duration minWait, Duration maxWait) {
	}

	/**
	 * Delivers one result.
	 */
	@FunctionalInterface
	interface Relayer {

		/**
		 * Relays one result to chat.
		 * @param result the result
		 * @return how it went; {@link RelayOutcome.Failed} and
		 * {@link RelayOutcome.Unavailable} are tried again
		 */
		RelayOutcome relay(StreamedResult result);

	}

	/**
	 * Why a streamed result did not reach chat.
	 */
	enum Reason {

		/** Chat did not take it on any try. */
		REDELIVERIES,

		/** The gateway stopped before it went out. */
		SHUTDOWN,

		/** It was being delivered when the shutdown grace period ended. */
		IN_FLIGHT;

		String tag() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

		String sentence(int redeliveries) {
			return switch (this) {
				case REDELIVERIES -> "chat did not take it on " + (redeliveries + 1) + " tries";
				case SHUTDOWN -> "the gateway stopped before it went out, and st2's stream cannot send it again";
				case IN_FLIGHT -> "it was still being delivered when the shutdown grace period ended; "
						+ "the relay logs how it ends if the process lives that long";
			};
		}

	}

	private static final class Lane {

		private final String channel;

		private final ArrayDeque<Entry> entries = new ArrayDeque<>();

		/** Submitted to the workers, running, or waiting to be tried again. */
		private boolean scheduled;

		private boolean inFlight;

		private ScheduledFuture<?> wakeUp;

		private Lane(String channel) {
			this.channel = channel;
		}

	}

	private static final class Entry {

		private final StreamedResult result;

		private int tries;

		private Entry(StreamedResult result) {
			this.result = result;
		}

	}

}
