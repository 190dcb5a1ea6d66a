package io.github.st2chatops.gateway.relay;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link StreamDeliveries} with a scripted relay: channels wait alone, the queue is
 * bounded, and a shutdown with a backlog delivers or reports every result.
 */
class StreamDeliveriesTests {

	private final MeterRegistry meterRegistry = new SimpleMeterRegistry();

	private final Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();

	private final List<String> delivered = new CopyOnWriteArrayList<>();

	private StreamDeliveries deliveries;

	@AfterEach
	void drain() {
		if (this.deliveries != null) {
			this.deliveries.drain(Duration.ZERO);
		}
	}

	@Test
	void deliverWhenOneChannelFailsShouldDeliverTheOthersMeanwhile() throws InterruptedException {
		// the failing channel's chat answers 503 for as long as the test holds the gate,
		// as a Teams webhook did for 54 s in the fault probe
		Semaphore failingChat = new Semaphore(0);
		this.deliveries = deliveries(100, 2, 1, (result) -> {
			if (result.channel().equals("teams:failing")) {
				failingChat.acquireUninterruptibly();
				return new RelayOutcome.Failed("teams answered 503", Duration.ofMillis(1));
			}
			return new RelayOutcome.Delivered(1);
		});
		for (int i = 0; i < 3; i++) {
			this.deliveries.offer(result("teams:failing", "t" + i));
		}
		for (int i = 0; i < 10; i++) {
			this.deliveries.offer(result((i % 2 == 0) ? "slack:C1" : "mattermost:town-square", "h" + i));
		}

		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(this.delivered).hasSize(10));
		assertThat(tries("teams:failing")).isEqualTo(1);
		assertThat(this.deliveries.queued()).isEqualTo(3);

		// the failing channel is tried again, then given up, loudly
		failingChat.release(100);
		await().atMost(Duration.ofSeconds(5)).until(() -> dropped("redeliveries") == 3);
		assertThat(tries("teams:failing")).isEqualTo(6);
		assertThat(this.deliveries.queued()).isZero();
		assertThat(this.delivered).hasSize(10);
	}

	@Test
	void deliverShouldKeepEachChannelsOrderThroughRetries() throws InterruptedException {
		AtomicBoolean failedOnce = new AtomicBoolean();
		this.deliveries = deliveries(100, 4, 3, (result) -> {
			if (result.eventId().equals("1") && failedOnce.compareAndSet(false, true)) {
				return new RelayOutcome.Unavailable("Redis is down", Duration.ofMillis(5));
			}
			return new RelayOutcome.Delivered(1);
		});
		for (int i = 1; i <= 5; i++) {
			this.deliveries.offer(result("slack:C1", Integer.toString(i)));
		}

		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(this.delivered).hasSize(5));
		assertThat(this.delivered).containsExactly("1", "2", "3", "4", "5");
	}

	@Test
	void drainWithBacklogShouldDeliverOrReportEveryResult() throws InterruptedException {
		Semaphore chat = new Semaphore(10);
		this.deliveries = deliveries(100, 2, 5, deliveredWhen(chat));
		offer(50, 5);
		// ten go out, then both workers wait for chat
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.delivered.size() == 10 && chat.hasQueuedThreads() && chat.getQueueLength() == 2);

		int notDelivered = this.deliveries.drain(Duration.ofMillis(200));

		assertThat(notDelivered).isEqualTo(40);
		assertThat(dropped("in-flight")).isEqualTo(2);
		assertThat(dropped("shutdown")).isEqualTo(38);
		assertThat(this.delivered.size() + dropped("in-flight") + dropped("shutdown")).isEqualTo(50);
		// the two in flight finish later: they are not counted twice, nothing else goes
		// out
		chat.release(100);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.delivered.size() == 12);
		assertThat(dropped("shutdown") + dropped("in-flight")).isEqualTo(40);
		assertThat(this.deliveries.queued()).isZero();
	}

	@Test
	void drainWhenChatKeepsUpShouldDeliverEverything() throws InterruptedException {
		Semaphore chat = new Semaphore(0);
		this.deliveries = deliveries(100, 2, 5, deliveredWhen(chat));
		offer(30, 3);
		chat.release(30);

		assertThat(this.deliveries.drain(Duration.ofSeconds(10))).isZero();
		assertThat(this.delivered).hasSize(30);
		assertThat(dropped("shutdown") + dropped("in-flight")).isZero();
	}

	@Test
	void drainWhenARetryWouldComeAfterTheDeadlineShouldReportItAtOnce() throws InterruptedException {
		this.deliveries = deliveries(100, 2, 5, Duration.ofMinutes(2),
				(result) -> new RelayOutcome.Failed("429", Duration.ofMinutes(1)));
		this.deliveries.offer(result("slack:C1", "1"));
		this.deliveries.offer(result("slack:C1", "2"));
		await().atMost(Duration.ofSeconds(5)).until(() -> tries("slack:C1") == 1);

		long started = System.nanoTime();
		assertThat(this.deliveries.drain(Duration.ofSeconds(30))).isEqualTo(2);

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		assertThat(dropped("shutdown")).isEqualTo(2);
	}

	@Test
	void offerWhenFullShouldWaitUntilAResultWentOut() throws InterruptedException {
		Semaphore chat = new Semaphore(0);
		this.deliveries = deliveries(2, 1, 0, deliveredWhen(chat));
		this.deliveries.offer(result("slack:C1", "1"));
		this.deliveries.offer(result("slack:C2", "2"));
		AtomicBoolean thirdQueued = new AtomicBoolean();
		Thread reader = new Thread(() -> {
			try {
				thirdQueued.set(this.deliveries.offer(result("slack:C3", "3")));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		reader.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> reader.getState() == Thread.State.WAITING);
		assertThat(this.deliveries.queued()).isEqualTo(2);

		chat.release();
		reader.join(5000);
		assertThat(thirdQueued).isTrue();
		chat.release(2);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(this.delivered).hasSize(3));
	}

	@Test
	void offerWhenInterruptedWhileFullShouldReportTheResult() throws InterruptedException {
		Semaphore chat = new Semaphore(0);
		this.deliveries = deliveries(1, 1, 0, deliveredWhen(chat));
		this.deliveries.offer(result("slack:C1", "1"));
		AtomicBoolean interrupted = new AtomicBoolean();
		Thread reader = new Thread(() -> {
			try {
				this.deliveries.offer(result("slack:C2", "2"));
			}
			catch (InterruptedException ex) {
				interrupted.set(true);
			}
		});
		reader.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> reader.getState() == Thread.State.WAITING);

		reader.interrupt();
		reader.join(5000);

		assertThat(interrupted).isTrue();
		assertThat(dropped("shutdown")).isEqualTo(1);
		chat.release(10);
	}

	@Test
	void offerAfterDrainShouldReportTheResult() throws InterruptedException {
		this.deliveries = deliveries(10, 1, 0, (result) -> new RelayOutcome.Delivered(1));
		this.deliveries.drain(Duration.ZERO);

		assertThat(this.deliveries.offer(result("slack:C1", "1"))).isFalse();
		assertThat(dropped("shutdown")).isEqualTo(1);
		this.deliveries = null;
	}

	private StreamDeliveries deliveries(int capacity, int concurrency, int redeliveries,
			StreamDeliveries.Relayer relayer) {
		return deliveries(capacity, concurrency, redeliveries, Duration.ofMillis(50), relayer);
	}

	private StreamDeliveries deliveries(int capacity, int concurrency, int redeliveries, Duration maxWait,
			StreamDeliveries.Relayer relayer) {
		return new StreamDeliveries((result) -> {
			this.tries.computeIfAbsent(result.channel(), (channel) -> new AtomicInteger()).incrementAndGet();
			RelayOutcome outcome = relayer.relay(result);
			if (outcome instanceof RelayOutcome.Delivered) {
				this.delivered.add(result.eventId());
			}
			return outcome;
		}, capacity, concurrency, new StreamDeliveries.Redelivery(redeliveries, Duration.ofMillis(1), maxWait),
				this.meterRegistry);
	}

	/**
	 * A relay that delivers each result once the chat lets it (one permit a post).
	 */
	private static StreamDeliveries.Relayer deliveredWhen(Semaphore chat) {
		return (result) -> {
			chat.acquireUninterruptibly();
			return new RelayOutcome.Delivered(1);
		};
	}

	/**
	 * Offers results {@code 0} to {@code count - 1}, spread over a number of Slack
	 * channels.
	 */
	private void offer(int count, int channels) throws InterruptedException {
		for (int i = 0; i < count; i++) {
			this.deliveries.offer(result("slack:C" + (i % channels), Integer.toString(i)));
		}
	}

	private static StreamedResult result(String channel, String eventId) {
		return new StreamedResult(new Notification("done", channel, null, null, null, null), "key:" + eventId, eventId,
				channel);
	}

	private int tries(String channel) {
		AtomicInteger count = this.tries.get(channel);
		return (count != null) ? count.get() : 0;
	}

	private double dropped(String reason) {
		return this.meterRegistry.counter("gateway.relay.stream.dropped", "reason", reason).count();
	}

}
