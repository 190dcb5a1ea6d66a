package io.github.st2chatops.gateway.relay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import io.github.st2chatops.gateway.st2.St2StreamClient;
import io.github.st2chatops.gateway.st2.St2StreamEvent;
import io.github.st2chatops.gateway.st2.St2StreamState;
import io.github.st2chatops.gateway.st2.St2StreamSubscription;
import io.github.st2chatops.gateway.state.LeaderLock;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;

/**
 * Relays st2's event stream while this replica holds the {@code stream-follower} lock:
 * announcements on the notification route ({@code st2.announcement__<route>}, what st2's
 * own {@code chatops.post_result} sends) are queued for their chat channel and relayed
 * like pushed notifications ({@link StreamDeliveries}); alias changes ask the catalog for
 * a refresh; other events (a frame without an {@code event:} line is a {@code message})
 * are ignored. One event that cannot be handled is logged and counted, and the next one
 * is read.
 * <p>
 * The connection itself (credential, SSE parsing, reconnects) is the
 * {@link St2StreamClient}'s; this class takes the lock, renews it every third of its TTL,
 * opens a subscription while it holds it and closes it at once when it loses it.
 * <p>
 * On shutdown it stops reading, lets the lock go so that another replica follows the
 * stream at once, and relays what it has queued within the shutdown phase
 * ({@code spring.lifecycle.timeout-per-shutdown-phase}, in the web server's graceful
 * shutdown phase); what is still queued then is logged and counted as dropped.
 */
public class St2StreamFollower implements SmartLifecycle {

	static final String LOCK_NAME = "stream-follower";

	static final List<String> ALIAS_EVENTS = List.of("st2.actionalias__create", "st2.actionalias__update",
			"st2.actionalias__delete");

	private static final Logger logger = LoggerFactory.getLogger(St2StreamFollower.class);

	private final RelayProperties.Stream settings;

	private final St2StreamClient client;

	private final String announcementEvent;

	private final LeaderLock lock;

	private final NotificationRelay relay;

	private final ObjectProvider<AliasChangeListener> aliasListeners;

	private final JsonMapper jsonMapper;

	private final Clock clock;

	private final MeterRegistry meterRegistry;

	private final Duration shutdownGrace;

	private volatile boolean running;

	private volatile boolean leader;

	/** The role last logged, so that each change is logged once. */
	private volatile Boolean announcedRole;

	private volatile St2StreamSubscription subscription;

	/** The last state of the last closed subscription. */
	private volatile St2StreamState lastState = St2StreamState.CLOSED;

	private volatile String lastError;

	private volatile Instant lastEventAt;

	private ScheduledExecutorService timer;

	private StreamDeliveries deliveries;

	/**
	 * A follower.
	 * @param settings the stream settings
	 * @param client st2's event stream client
	 * @param route the notification route ({@code gateway.st2.route})
	 * @param lock the lock that lets one replica follow
	 * @param relay the relay to chat
	 * @param aliasListeners what alias changes are told to
	 * @param jsonMapper reads announcements
	 * @param clock for status times
	 * @param meterRegistry for metrics
	 * @param shutdownGrace how long relaying what is queued may take on shutdown
	 */
	public St2StreamFollower(RelayProperties.Stream settings, St2StreamClient client, String route, LeaderLock lock,
			NotificationRelay relay, ObjectProvider<AliasChangeListener> aliasListeners, JsonMapper jsonMapper,
			Clock clock, MeterRegistry meterRegistry, Duration shutdownGrace) {
		this.settings = settings;
		this.client = client;
		this.announcementEvent = "st2.announcement__" + route;
		this.lock = lock;
		this.relay = relay;
		this.aliasListeners = aliasListeners;
		this.jsonMapper = jsonMapper;
		this.clock = clock;
		this.meterRegistry = meterRegistry;
		this.shutdownGrace = shutdownGrace;
		Gauge.builder("gateway.relay.stream.connected", this, (follower) -> follower.status().connected() ? 1 : 0)
			.description("Whether the st2 event stream is connected")
			.register(meterRegistry);
		FunctionCounter.builder("gateway.relay.stream.reconnects", client, St2StreamClient::reconnects)
			.description("Connections to the st2 event stream made after an earlier one ended or failed")
			.register(meterRegistry);
	}

	/**
	 * The event types the follower asks st2 for.
	 * @return the announcements on the route and the alias changes
	 */
	List<String> events() {
		List<String> events = new ArrayList<>();
		events.add(this.announcementEvent);
		events.addAll(ALIAS_EVENTS);
		return events;
	}

	/**
	 * What the follower is doing now.
	 * @return a snapshot
	 */
	public StreamStatus status() {
		St2StreamSubscription open = this.subscription;
		St2StreamState state = (open != null) ? open.state() : this.lastState;
		String error = (open != null && state.lastError() != null) ? state.lastError() : this.lastError;
		if (error == null) {
			error = state.lastError();
		}
		StreamDeliveries queue = this.deliveries;
		return new StreamStatus(this.leader, state.connected(), state.connectedSince(), state.lastReceivedAt(),
				this.lastEventAt, this.client.reconnects(), error, (queue != null) ? queue.queued() : 0);
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		this.deliveries = new StreamDeliveries(this::relay, this.settings.queueCapacity(),
				this.settings.deliveryConcurrency(), new StreamDeliveries.Redelivery(this.settings.redeliveries(),
						this.settings.initialBackoff(), this.settings.maxBackoff()),
				this.meterRegistry);
		this.timer = Executors.newSingleThreadScheduledExecutor(daemon("st2-stream-leadership"));
		long renewMillis = Math.max(1, this.settings.lockTtl().toMillis() / 3);
		this.timer.scheduleWithFixedDelay(this::lead, 0, renewMillis, TimeUnit.MILLISECONDS);
		logger.info("Following st2's event stream at {} for {} and alias changes, while this replica holds the "
				+ "stream lock", this.client.authority(), this.announcementEvent);
	}

	/**
	 * Stops reading at once, lets the lock go, and relays what is queued within the
	 * shutdown grace period on a thread of its own; the callback runs when that is done.
	 * @param callback what the lifecycle processor waits for
	 */
	@Override
	public void stop(Runnable callback) {
		StreamDeliveries queue;
		synchronized (this) {
			if (!this.running) {
				callback.run();
				return;
			}
			this.running = false;
			this.timer.shutdownNow();
			closeSubscription(null);
			releaseLock();
			queue = this.deliveries;
		}
		Duration budget = drainBudget();
		Thread drain = daemon("st2-stream-drain").newThread(() -> {
			try {
				int dropped = queue.drain(budget);
				if (dropped > 0) {
					logger.error("Stopped following st2's event stream; {} streamed results were not posted to chat",
							dropped);
				}
				else {
					logger.info("Stopped following st2's event stream");
				}
			}
			finally {
				callback.run();
			}
		});
		drain.start();
	}

	@Override
	public void stop() {
		CountDownLatch stopped = new CountDownLatch(1);
		stop(stopped::countDown);
		try {
			stopped.await(this.shutdownGrace.toMillis() + 1000, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Stops with the web server's graceful shutdown, so that relaying what is queued and
	 * finishing requests in flight share one shutdown phase.
	 */
	@Override
	public int getPhase() {
		return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE;
	}

	// most of the phase, so that the report comes before the lifecycle processor moves on
	private Duration drainBudget() {
		return this.shutdownGrace.minus(min(Duration.ofSeconds(1), this.shutdownGrace.dividedBy(10)));
	}

	private void lead() {
		if (!this.running) {
			return;
		}
		boolean held = acquireLock();
		synchronized (this) {
			if (!this.running) {
				return;
			}
			if (held && this.subscription == null) {
				this.lastError = null;
				this.subscription = this.client.follow(events(), this.lastState.lastEventId(), this::onEvent);
			}
			else if (!held && this.subscription != null) {
				closeSubscription("this replica lost the stream lock");
			}
		}
	}

	// holding the monitor
	private void closeSubscription(String reason) {
		St2StreamSubscription open = this.subscription;
		if (open == null) {
			return;
		}
		this.subscription = null;
		open.close();
		St2StreamState closed = open.state();
		this.lastState = new St2StreamState(false, null, closed.lastReceivedAt(), closed.lastError(),
				closed.lastEventId());
		if (reason != null) {
			this.lastError = reason;
			logger.info("Stopped following st2's event stream: {}", reason);
		}
	}

	private void onEvent(St2StreamEvent event) throws InterruptedException {
		this.lastEventAt = this.clock.instant();
		try {
			if (this.announcementEvent.equals(event.type())) {
				onAnnouncement(event);
			}
			else if (ALIAS_EVENTS.contains(event.type())) {
				onAliasChange(event.type());
			}
			else {
				logger.debug("Ignoring st2 event {}", event.type());
			}
		}
		catch (RuntimeException ex) {
			// one event never loses the others
			invalidAnnouncement("handling it failed (" + ex.getClass().getSimpleName() + ")");
		}
	}

	private void onAnnouncement(St2StreamEvent event) throws InterruptedException {
		JsonNode payload;
		Notification notification;
		try {
			// st2's announcement: {"payload": <chatops.post_message parameters>,
			// "trace_context": ...}
			payload = this.jsonMapper.readTree(event.data()).get("payload");
			if (payload == null || !payload.isObject()) {
				invalidAnnouncement("it has no payload object");
				return;
			}
			notification = this.jsonMapper.treeToValue(payload, Notification.class);
		}
		catch (JacksonException ex) {
			invalidAnnouncement("it is not st2's announcement JSON");
			return;
		}
		if (!this.lock.isHeld(LOCK_NAME)) {
			// another replica follows the stream now and relays it
			logger.info("Not relaying an announcement received after this replica lost the stream lock");
			return;
		}
		String deliveryKey = DeliveryKeys.ofContent(this.jsonMapper.writeValueAsBytes(payload));
		this.deliveries.offer(StreamedResult.of(notification, deliveryKey, event.lastEventId()));
	}

	private RelayOutcome relay(StreamedResult result) {
		return this.relay.relay(result.notification(), result.deliveryKey(), NotificationRelay.Source.STREAM);
	}

	private void invalidAnnouncement(String reason) {
		logger.warn("Ignoring an {} event: {}", this.announcementEvent, reason);
		this.meterRegistry
			.counter("gateway.relay.notifications", "source", "stream", "platform", "none", "outcome", "invalid")
			.increment();
	}

	private void onAliasChange(String event) {
		try {
			this.timer.execute(() -> this.aliasListeners.orderedStream().forEach((listener) -> {
				try {
					listener.aliasChanged(event);
				}
				catch (RuntimeException ex) {
					logger.warn("Alias change listener failed on {}: {}", event, ex.getMessage());
				}
			}));
		}
		catch (RejectedExecutionException ex) {
			// stopping
		}
	}

	private boolean acquireLock() {
		boolean held;
		try {
			held = this.lock.acquireOrRenew(LOCK_NAME, this.settings.lockTtl());
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot take or renew the stream lock: {}", ex.getMessage());
			held = false;
		}
		if (!Boolean.valueOf(held).equals(this.announcedRole)) {
			logger.info(held ? "This replica now follows st2's event stream"
					: "Another replica follows st2's event stream; this one stands by");
			this.announcedRole = held;
		}
		this.leader = held;
		return held;
	}

	private void releaseLock() {
		try {
			this.lock.release(LOCK_NAME);
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot release the stream lock; it expires with its TTL: {}", ex.getMessage());
		}
		this.leader = false;
		this.announcedRole = null;
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private static ThreadFactory daemon(String name) {
		return (runnable) -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		};
	}

}
