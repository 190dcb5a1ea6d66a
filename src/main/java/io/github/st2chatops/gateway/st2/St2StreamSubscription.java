package io.github.st2chatops.gateway.st2;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscription to st2's event stream: a reader thread that connects, reads and
 * reconnects until {@link #close()}, and a watchdog that ends a connection on which
 * nothing arrived for the idle timeout. Made by {@link St2StreamClient#follow}.
 */
public final class St2StreamSubscription implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(St2StreamSubscription.class);

	/** How long {@link #close()} waits for the reader thread. */
	private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

	private static final String LAST_EVENT_ID = "Last-Event-ID";

	private final St2StreamClient client;

	private final St2StreamSettings settings;

	private final URI uri;

	private final St2StreamListener listener;

	private final AtomicReference<InputStream> connection = new AtomicReference<>();

	private final AtomicReference<Abort> abort = new AtomicReference<>();

	private final CountDownLatch closing = new CountDownLatch(1);

	private final Thread reader;

	private final ScheduledExecutorService watchdog;

	private volatile boolean open = true;

	private volatile boolean connected;

	private volatile boolean listening;

	private volatile Instant connectedSince;

	private volatile long lastReceivedNanos;

	private volatile Instant lastReceivedAt;

	private volatile String lastError;

	private volatile String lastEventId;

	/** The reconnection time the server set ({@code retry:}), or {@code null}. */
	private volatile Duration serverRetry;

	St2StreamSubscription(St2StreamClient client, URI uri, String lastEventId, St2StreamListener listener) {
		this.client = client;
		this.settings = client.settings();
		this.uri = uri;
		this.lastEventId = (lastEventId != null) ? lastEventId : "";
		this.listener = listener;
		this.reader = daemon("st2-stream").newThread(this::run);
		this.watchdog = Executors.newSingleThreadScheduledExecutor(daemon("st2-stream-watchdog"));
	}

	void start() {
		long watchMillis = Math.min(5000, Math.max(50, this.settings.idleTimeout().toMillis() / 10));
		this.watchdog.scheduleWithFixedDelay(this::watchIdle, watchMillis, watchMillis, TimeUnit.MILLISECONDS);
		this.reader.start();
	}

	/**
	 * What the subscription is doing now.
	 * @return a snapshot
	 */
	public St2StreamState state() {
		return new St2StreamState(this.connected, this.connectedSince, this.lastReceivedAt, this.lastError,
				this.lastEventId);
	}

	/**
	 * Whether the subscription still reads or reconnects.
	 * @return false once closed
	 */
	public boolean isOpen() {
		return this.open;
	}

	/**
	 * Stops reading: ends the connection (a blocked read included), stops reconnecting,
	 * interrupts a listener that waits, and waits a moment for the reader thread.
	 */
	@Override
	public void close() {
		synchronized (this) {
			if (!this.open) {
				return;
			}
			this.open = false;
		}
		this.closing.countDown();
		abortConnection(Abort.CLOSE);
		this.reader.interrupt();
		this.watchdog.shutdownNow();
		if (Thread.currentThread() != this.reader) {
			try {
				this.reader.join(CLOSE_WAIT.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			if (this.reader.isAlive()) {
				logger.warn("The st2 stream reader did not stop within {}", CLOSE_WAIT);
			}
		}
	}

	private void run() {
		Duration backoff = null;
		boolean renewed = false;
		while (this.open) {
			long started = System.nanoTime();
			Attempt attempt;
			try {
				attempt = connectOnce(!renewed);
			}
			catch (RuntimeException ex) {
				logger.error("Unexpected failure following st2's event stream", ex);
				attempt = failed("unexpected " + ex.getClass().getSimpleName());
			}
			if (!this.open || attempt == Attempt.CLOSED) {
				break;
			}
			if (attempt == Attempt.RENEWED) {
				// a fresh credential after a 401: reconnect at once, but renew only once
				renewed = true;
				continue;
			}
			renewed = false;
			if (backoff == null
					|| Duration.ofNanos(System.nanoTime() - started).compareTo(this.settings.stableAfter()) >= 0) {
				backoff = initialBackoff();
			}
			Duration wait = jitter(backoff);
			backoff = min(backoff.multipliedBy(2), this.settings.maxBackoff());
			logger.info("Reconnecting to st2's event stream in {} ms ({})", wait.toMillis(), this.lastError);
			await(wait);
		}
	}

	// the server's retry field, within the configured bounds, replaces the initial
	// backoff
	private Duration initialBackoff() {
		Duration retry = this.serverRetry;
		if (retry == null) {
			return this.settings.initialBackoff();
		}
		return min(max(retry, Duration.ofMillis(1)), this.settings.maxBackoff());
	}

	private Attempt connectOnce(boolean mayRenew) {
		St2AuthHeader header;
		try {
			header = this.client.tokens().currentHeader();
		}
		catch (St2Exception ex) {
			return failed("no st2 credential: " + ex.getMessage());
		}
		HttpRequest.Builder request = HttpRequest.newBuilder(this.uri)
			.timeout(this.settings.connectTimeout())
			.header("Accept", "text/event-stream")
			.header("Cache-Control", "no-cache")
			.header(header.name(), header.value());
		String resumeFrom = this.lastEventId;
		if (!resumeFrom.isEmpty()) {
			request.header(LAST_EVENT_ID, resumeFrom);
		}
		this.client.connecting();
		HttpResponse<InputStream> response;
		try {
			response = this.client.httpClient().send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (IOException ex) {
			return failed("cannot connect: " + ex.getClass().getSimpleName()
					+ ((ex.getMessage() != null) ? " " + ex.getMessage() : ""));
		}
		catch (InterruptedException ex) {
			return Attempt.CLOSED;
		}
		try (InputStream body = response.body()) {
			int status = response.statusCode();
			if (status == 401) {
				return unauthorized(header, mayRenew);
			}
			if (status != 200) {
				return failed("st2's stream service answered " + status);
			}
			this.abort.set(null);
			this.connection.set(body);
			if (!this.open) {
				return Attempt.CLOSED;
			}
			this.lastReceivedNanos = System.nanoTime();
			this.connectedSince = this.client.clock().instant();
			this.connected = true;
			logger.info("Connected to st2's event stream{}",
					resumeFrom.isEmpty() ? "" : " (resuming after event " + resumeFrom + ")");
			read(body);
			return ended("the stream ended");
		}
		catch (IOException ex) {
			return ended("the stream broke: " + ex.getClass().getSimpleName());
		}
		finally {
			this.connection.set(null);
			this.connected = false;
			this.connectedSince = null;
		}
	}

	private void read(InputStream body) throws IOException {
		EventStreamParser parser = new EventStreamParser(new Handler(), this.settings.maxEventSize(), this.lastEventId);
		Reader text = new InputStreamReader(body, StandardCharsets.UTF_8);
		char[] buffer = new char[8192];
		int read;
		while (this.open && (read = text.read(buffer)) != -1) {
			this.lastReceivedNanos = System.nanoTime();
			this.lastReceivedAt = this.client.clock().instant();
			parser.feed(buffer, 0, read);
			this.lastEventId = parser.lastEventId();
		}
	}

	private Attempt ended(String reason) {
		Abort ended = this.abort.getAndSet(null);
		if (!this.open) {
			return Attempt.CLOSED;
		}
		return failed((ended == Abort.IDLE) ? "nothing arrived for " + this.settings.idleTimeout() : reason);
	}

	private Attempt unauthorized(St2AuthHeader rejected, boolean mayRenew) {
		St2TokenProvider tokens = this.client.tokens();
		if (mayRenew && tokens.isRenewable()) {
			try {
				tokens.renewAfterUnauthorized(rejected);
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

	private void watchIdle() {
		if (this.connected && !this.listening
				&& System.nanoTime() - this.lastReceivedNanos > this.settings.idleTimeout().toNanos()) {
			logger.warn("Nothing arrived from st2's event stream for {}; reconnecting", this.settings.idleTimeout());
			abortConnection(Abort.IDLE);
		}
	}

	private void abortConnection(Abort reason) {
		InputStream open = this.connection.getAndSet(null);
		if (open != null) {
			this.abort.set(reason);
			try {
				// ends a blocked read
				open.close();
			}
			catch (IOException ex) {
				// the connection is gone either way
			}
		}
	}

	private void await(Duration duration) {
		try {
			this.closing.await(duration.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			// close() interrupts; the loop checks open
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

	private static java.util.concurrent.ThreadFactory daemon(String name) {
		return (runnable) -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * Hands each event to the listener, one at a time; a failing event is logged and the
	 * next one read.
	 */
	private final class Handler implements EventStreamParser.Handler {

		@Override
		public void event(St2StreamEvent event) {
			if (!St2StreamSubscription.this.open) {
				return;
			}
			St2StreamSubscription.this.lastEventId = event.lastEventId();
			St2StreamSubscription.this.listening = true;
			try {
				St2StreamSubscription.this.listener.onEvent(event);
			}
			catch (InterruptedException ex) {
				// closing: the listener accounts for the event it was given
				Thread.currentThread().interrupt();
			}
			catch (RuntimeException ex) {
				logger.warn("Could not handle an st2 {} event; reading on: {}", event.type(), ex.toString());
			}
			finally {
				// time spent in the listener is not silence on the stream
				St2StreamSubscription.this.lastReceivedNanos = System.nanoTime();
				St2StreamSubscription.this.listening = false;
			}
		}

		@Override
		public void retry(Duration reconnectionTime) {
			St2StreamSubscription.this.serverRetry = reconnectionTime;
		}

		@Override
		public void discarded(String reason) {
			logger.warn("Discarded {} from st2's event stream", reason);
		}

	}

	private enum Abort {

		/** Nothing arrived within the idle timeout. */
		IDLE,

		/** The subscription is closing. */
		CLOSE

	}

	private enum Attempt {

		/** The connection ended or failed; back off and reconnect. */
		FAILED,

		/** A 401 led to a new credential; reconnect at once. */
		RENEWED,

		/** The subscription is closed. */
		CLOSED

	}

}
