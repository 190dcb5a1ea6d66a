package io.github.st2chatops.gateway.relay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import io.github.st2chatops.gateway.st2.St2AuthHeader;
import io.github.st2chatops.gateway.st2.St2Exception;
import io.github.st2chatops.gateway.st2.St2TokenProvider;
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
import org.springframework.context.SmartLifecycle;

/**
 * Follows st2's event stream ({@code GET <stream-url>/stream}, {@code text/event-stream})
 * while this replica holds the {@code stream-follower} lock: announcements on the
 * notification route ({@code st2.announcement__<route>}, what st2's own
 * {@code chatops.post_result} sends) are relayed like pushed notifications, alias changes
 * ask the catalog for a refresh.
 * <p>
 * st2's stream has no event ids (nothing to resume from) and sends a blank line every 25
 * seconds: the follower reconnects when nothing arrived for
 * {@code gateway.relay.stream.idle-timeout}, backs off exponentially with jitter, takes a
 * fresh credential before each connection and renews it once after a 401.
 */
public class St2StreamFollower implements SmartLifecycle {

	static final String LOCK_NAME = "stream-follower";

	static final List<String> ALIAS_EVENTS = List.of("st2.actionalias__create", "st2.actionalias__update",
			"st2.actionalias__delete");

	private static final Logger logger = LoggerFactory.getLogger(St2StreamFollower.class);

	private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

	private final RelayProperties.Stream settings;

	private final URI streamUri;

	private final String announcementEvent;

	private final St2TokenProvider tokens;

	private final LeaderLock lock;

	private final NotificationRelay relay;

	private final ObjectProvider<AliasChangeListener> aliasListeners;

	private final JsonMapper jsonMapper;

	private final Clock clock;

	private final HttpClient httpClient;

	private final MeterRegistry meterRegistry;

	private final AtomicReference<Stream<String>> connection = new AtomicReference<>();

	private final AtomicLong reconnects = new AtomicLong();

	private final AtomicReference<Abort> abort = new AtomicReference<>();

	private volatile boolean running;

	private volatile CountDownLatch stopping = new CountDownLatch(0);

	private volatile boolean leader;

	/** The role last logged, so that each change is logged once. */
	private volatile Boolean announcedRole;

	private volatile boolean connected;

	private volatile Instant connectedSince;

	private volatile long lastReceivedNanos;

	private volatile Instant lastReceivedAt;

	private volatile Instant lastEventAt;

	private volatile String lastError;

	private Thread reader;

	private ScheduledExecutorService timer;

	private ExecutorService deliveries;

	public St2StreamFollower(RelayProperties.Stream settings, URI streamUrl, String route, St2TokenProvider tokens,
			LeaderLock lock, NotificationRelay relay, ObjectProvider<AliasChangeListener> aliasListeners,
			JsonMapper jsonMapper, Clock clock, HttpClient httpClient, MeterRegistry meterRegistry) {
		this.settings = settings;
		this.announcementEvent = "st2.announcement__" + route;
		this.streamUri = streamUri(streamUrl, this.announcementEvent);
		this.tokens = tokens;
		this.lock = lock;
		this.relay = relay;
		this.aliasListeners = aliasListeners;
		this.jsonMapper = jsonMapper;
		this.clock = clock;
		this.httpClient = httpClient;
		this.meterRegistry = meterRegistry;
		Gauge.builder("gateway.relay.stream.connected", this, (follower) -> follower.connected ? 1 : 0)
			.description("Whether the st2 event stream is connected")
			.register(meterRegistry);
		FunctionCounter.builder("gateway.relay.stream.reconnects", this.reconnects, AtomicLong::get)
			.description("Connections to the st2 event stream made after an earlier one ended or failed")
			.register(meterRegistry);
	}

	// the credential goes in a header, never in the URL
	static URI streamUri(URI streamUrl, String announcementEvent) {
		String events = URLEncoder.encode(announcementEvent, StandardCharsets.UTF_8) + ","
				+ String.join(",", ALIAS_EVENTS);
		return URI.create(streamUrl + "/stream?events=" + events);
	}

	/**
	 * What the follower is doing now.
	 * @return a snapshot
	 */
	public StreamStatus status() {
		return new StreamStatus(this.leader, this.connected, this.connectedSince, this.lastReceivedAt, this.lastEventAt,
				this.reconnects.get(), this.lastError);
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		this.stopping = new CountDownLatch(1);
		this.timer = Executors.newSingleThreadScheduledExecutor(daemon("st2-stream-timer"));
		this.deliveries = Executors.newSingleThreadExecutor(daemon("st2-stream-relay"));
		long renewMillis = Math.max(1, this.settings.lockTtl().toMillis() / 3);
		this.timer.scheduleWithFixedDelay(this::renewLock, renewMillis, renewMillis, TimeUnit.MILLISECONDS);
		long watchMillis = Math.min(5000, Math.max(50, this.settings.idleTimeout().toMillis() / 10));
		this.timer.scheduleWithFixedDelay(this::watchIdle, watchMillis, watchMillis, TimeUnit.MILLISECONDS);
		this.reader = daemon("st2-stream").newThread(this::run);
		this.reader.start();
		logger.info("Following st2's event stream at {} for {} and alias changes, while this replica holds the "
				+ "stream lock", this.streamUri.getAuthority(), this.announcementEvent);
	}

	@Override
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.stopping.countDown();
		abortConnection(Abort.STOP);
		this.reader.interrupt();
		join(this.reader);
		this.timer.shutdownNow();
		this.deliveries.shutdown();
		try {
			if (!this.deliveries.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
				int dropped = this.deliveries.shutdownNow().size();
				logger.error("Stopped with {} streamed notifications not yet relayed; they are lost", dropped);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.deliveries.shutdownNow();
		}
		releaseLock();
		logger.info("Stopped following st2's event stream");
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void run() {
		Duration backoff = this.settings.initialBackoff();
		boolean renewed = false;
		boolean connectedBefore = false;
		while (this.running) {
			if (!acquireLock()) {
				await(renewPeriod());
				continue;
			}
			if (connectedBefore) {
				this.reconnects.incrementAndGet();
			}
			connectedBefore = true;
			long started = System.nanoTime();
			Attempt attempt;
			try {
				attempt = followOnce(!renewed);
			}
			catch (RuntimeException ex) {
				logger.error("Unexpected failure following st2's event stream", ex);
				attempt = failed("unexpected " + ex.getClass().getSimpleName());
			}
			if (!this.running) {
				break;
			}
			if (attempt == Attempt.RENEWED) {
				// a fresh credential after a 401: reconnect at once, but renew only once
				renewed = true;
				continue;
			}
			renewed = false;
			if (attempt == Attempt.LOCK_LOST) {
				continue;
			}
			if (Duration.ofNanos(System.nanoTime() - started).compareTo(this.settings.stableAfter()) >= 0) {
				backoff = this.settings.initialBackoff();
			}
			Duration wait = jitter(backoff);
			backoff = min(backoff.multipliedBy(2), this.settings.maxBackoff());
			logger.info("Reconnecting to st2's event stream in {} ms ({})", wait.toMillis(), this.lastError);
			await(wait);
		}
	}

	private Attempt followOnce(boolean mayRenew) {
		St2AuthHeader header;
		try {
			header = this.tokens.currentHeader();
		}
		catch (St2Exception ex) {
			return failed("no st2 credential: " + ex.getMessage());
		}
		HttpRequest request = HttpRequest.newBuilder(this.streamUri)
			.timeout(this.settings.connectTimeout())
			.header("Accept", "text/event-stream")
			.header("Cache-Control", "no-cache")
			.header(header.name(), header.value())
			.GET()
			.build();
		HttpResponse<Stream<String>> response;
		try {
			response = this.httpClient.send(request, HttpResponse.BodyHandlers.ofLines());
		}
		catch (IOException ex) {
			return failed("cannot connect: " + ex.getClass().getSimpleName()
					+ ((ex.getMessage() != null) ? " " + ex.getMessage() : ""));
		}
		catch (InterruptedException ex) {
			return Attempt.STOPPED;
		}
		try (Stream<String> lines = response.body()) {
			int status = response.statusCode();
			if (status == 401) {
				return unauthorized(header, mayRenew);
			}
			if (status != 200) {
				return failed("st2's stream service answered " + status);
			}
			this.abort.set(null);
			this.connection.set(lines);
			if (!this.running) {
				return Attempt.STOPPED;
			}
			if (!this.leader) {
				return Attempt.LOCK_LOST;
			}
			this.lastReceivedNanos = System.nanoTime();
			this.connectedSince = this.clock.instant();
			this.connected = true;
			logger.info("Connected to st2's event stream");
			read(lines);
			return ended("the stream ended");
		}
		catch (UncheckedIOException ex) {
			return ended("the stream broke: " + ex.getCause().getClass().getSimpleName());
		}
		finally {
			this.connection.set(null);
			this.connected = false;
			this.connectedSince = null;
		}
	}

	private Attempt ended(String reason) {
		Abort abort = this.abort.getAndSet(null);
		if (!this.running) {
			return Attempt.STOPPED;
		}
		if (abort == Abort.LOCK_LOST) {
			this.lastError = "this replica lost the stream lock";
			return Attempt.LOCK_LOST;
		}
		return failed((abort == Abort.IDLE) ? "nothing arrived for " + this.settings.idleTimeout() : reason);
	}

	private Attempt unauthorized(St2AuthHeader rejected, boolean mayRenew) {
		if (mayRenew && this.tokens.isRenewable()) {
			try {
				this.tokens.renewAfterUnauthorized(rejected);
				this.lastError = "st2 refused the credential (401); renewed it";
				logger.info("st2's stream service refused the gateway's token; reconnecting with a new one");
				return Attempt.RENEWED;
			}
			catch (St2Exception ex) {
				return failed("st2 refused the credential (401) and renewing it failed: " + ex.getMessage());
			}
		}
		return failed("st2 refused the credential (401)");
	}

	private Attempt failed(String reason) {
		this.lastError = reason;
		logger.warn("st2 event stream: {}", reason);
		return Attempt.FAILED;
	}

	/**
	 * Reads {@code text/event-stream}: {@code event:} and {@code data:} lines, an event
	 * per blank line; comments ({@code :}) and st2's blank heartbeats only show the
	 * connection is alive.
	 */
	private void read(Stream<String> lines) {
		String event = null;
		StringBuilder data = null;
		Iterator<String> iterator = lines.iterator();
		while (this.running && iterator.hasNext()) {
			String line = iterator.next();
			this.lastReceivedNanos = System.nanoTime();
			this.lastReceivedAt = this.clock.instant();
			if (line.isEmpty()) {
				if (data != null) {
					dispatch(event, data.toString());
				}
				event = null;
				data = null;
				continue;
			}
			if (line.startsWith(":")) {
				continue;
			}
			int colon = line.indexOf(':');
			String field = (colon >= 0) ? line.substring(0, colon) : line;
			String value = (colon >= 0) ? line.substring(colon + 1) : "";
			if (value.startsWith(" ")) {
				value = value.substring(1);
			}
			if ("event".equals(field)) {
				event = value;
			}
			else if ("data".equals(field)) {
				data = (data != null) ? data.append('\n').append(value) : new StringBuilder(value);
			}
		}
	}

	private void dispatch(String event, String data) {
		this.lastEventAt = this.clock.instant();
		if (this.announcementEvent.equals(event)) {
			onAnnouncement(data);
		}
		else if (ALIAS_EVENTS.contains(event)) {
			onAliasChange(event);
		}
		else {
			logger.debug("Ignoring st2 event {}", event);
		}
	}

	private void onAnnouncement(String data) {
		JsonNode payload;
		Notification notification;
		try {
			// st2's announcement: {"payload": <chatops.post_message parameters>,
			// "trace_context": ...}
			payload = this.jsonMapper.readTree(data).get("payload");
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
		String deliveryKey = "sha256:"
				+ HexFormat.of().formatHex(NotificationController.sha256(this.jsonMapper.writeValueAsBytes(payload)));
		submit(() -> deliver(notification, deliveryKey, 0));
	}

	private void invalidAnnouncement(String reason) {
		logger.warn("Ignoring an {} event: {}", this.announcementEvent, reason);
		this.meterRegistry
			.counter("gateway.relay.notifications", "source", "stream", "platform", "none", "outcome", "invalid")
			.increment();
	}

	/**
	 * Relays on its own thread, in order, so that a slow chat does not stall reading (and
	 * heartbeats). The stream has no retry: a notification chat did not take is tried
	 * again a few times before it is given up, loudly.
	 */
	private void deliver(Notification notification, String deliveryKey, int redelivery) {
		RelayOutcome outcome = this.relay.relay(notification, deliveryKey, NotificationRelay.Source.STREAM);
		Duration retryAfter = null;
		if (outcome instanceof RelayOutcome.Failed failed) {
			retryAfter = failed.retryAfter();
		}
		else if (outcome instanceof RelayOutcome.Unavailable unavailable) {
			retryAfter = unavailable.retryAfter();
		}
		if (retryAfter == null) {
			return;
		}
		if (redelivery < this.settings.redeliveries() && this.running) {
			// what chat asked for, within the reconnect backoff's bounds
			Duration wait = min(max(retryAfter, this.settings.initialBackoff()), this.settings.maxBackoff());
			logger.info("Trying a streamed notification again in {} ms", wait.toMillis());
			try {
				this.timer.schedule(() -> submit(() -> deliver(notification, deliveryKey, redelivery + 1)),
						wait.toMillis(), TimeUnit.MILLISECONDS);
				return;
			}
			catch (RejectedExecutionException ex) {
				// stopping
			}
		}
		this.meterRegistry.counter("gateway.relay.stream.dropped").increment();
		logger.error("Gave up on a streamed notification after {} tries; it was not posted to chat", redelivery + 1);
	}

	private void submit(Runnable task) {
		try {
			this.deliveries.execute(task);
		}
		catch (RejectedExecutionException ex) {
			this.meterRegistry.counter("gateway.relay.stream.dropped").increment();
			logger.error("Stopping: a streamed notification was not relayed");
		}
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

	private void renewLock() {
		if (!this.running) {
			return;
		}
		if (!acquireLock()) {
			abortConnection(Abort.LOCK_LOST);
		}
	}

	private void watchIdle() {
		if (this.connected && System.nanoTime() - this.lastReceivedNanos > this.settings.idleTimeout().toNanos()) {
			logger.warn("Nothing arrived from st2's event stream for {}; reconnecting", this.settings.idleTimeout());
			abortConnection(Abort.IDLE);
		}
	}

	private void abortConnection(Abort reason) {
		Stream<String> open = this.connection.getAndSet(null);
		if (open != null) {
			this.abort.set(reason);
			// closes the response's input stream, which ends a blocked read
			open.close();
		}
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

	private Duration renewPeriod() {
		return this.settings.lockTtl().dividedBy(3);
	}

	private void await(Duration duration) {
		try {
			this.stopping.await(duration.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			// stop() interrupts; the loop checks running
		}
	}

	private static Duration jitter(Duration backoff) {
		long millis = backoff.toMillis();
		return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

	private static void join(Thread thread) {
		try {
			thread.join(SHUTDOWN_WAIT.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (thread.isAlive()) {
			logger.warn("The st2 stream reader did not stop within {}", SHUTDOWN_WAIT);
		}
	}

	private static ThreadFactory daemon(String name) {
		return (runnable) -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		};
	}

	private enum Abort {

		/** Nothing arrived within the idle timeout. */
		IDLE,

		/** The stream lock went to another replica. */
		LOCK_LOST,

		/** The follower is stopping. */
		STOP

	}

	private enum Attempt {

		/** The connection ended or failed; back off and reconnect. */
		FAILED,

		/** A 401 led to a new credential; reconnect at once. */
		RENEWED,

		/** Another replica holds the lock. */
		LOCK_LOST,

		/** The follower is stopping. */
		STOPPED

	}

}
