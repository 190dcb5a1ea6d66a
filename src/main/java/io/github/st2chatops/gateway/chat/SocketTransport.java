package io.github.st2chatops.gateway.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;

/**
 * What every outbound WebSocket transport of a chat platform shares (Slack Socket Mode,
 * the Mattermost WebSocket): it holds a number of connections open on the JDK's
 * {@link WebSocket}, pings each one and replaces one that hears nothing for three ping
 * intervals, reconnects a lost one with exponential back-off and jitter, hands inbound
 * work to a small pool that is drained on shutdown, closes with the normal close code
 * when the gateway stops, and keeps what health and the {@code gateway.chat.socket.*}
 * meters report. A platform says where to connect ({@link #target()}) and what a text
 * frame means ({@link #received}).
 * <p>
 * Nothing here logs a connection URL or a header: a platform's URL may carry a ticket,
 * and its headers a token.
 */
public abstract class SocketTransport implements SmartLifecycle {

	/** Connections open (said hello), by {@code platform}. */
	public static final String CONNECTIONS_METER = "gateway.chat.socket.connections";

	/** Connections replaced or lost, by {@code platform} and {@code reason}. */
	public static final String RECONNECTS_METER = "gateway.chat.socket.reconnects";

	/** Time from an envelope's arrival to its acknowledgement, by {@code platform}. */
	public static final String ACK_METER = "gateway.chat.socket.ack";

	private static final Logger logger = LoggerFactory.getLogger(SocketTransport.class);

	private static final Duration MIN_BACKOFF = Duration.ofMillis(250);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	/**
	 * How long a replaced connection stays open after the next one is ready: what the
	 * platform sent on it before it saw the new connection still arrives and is taken.
	 */
	private static final Duration REPLACED_DRAIN = Duration.ofSeconds(2);

	private final String platform;

	private final String name;

	private final int wanted;

	private final Duration pingInterval;

	private final JsonMapper jsonMapper;

	private final MeterRegistry meterRegistry;

	private final Clock clock;

	private final Set<Link> connections = ConcurrentHashMap.newKeySet();

	private final AtomicInteger failures = new AtomicInteger();

	private volatile boolean running;

	private volatile String stoppedBecause;

	private volatile Instant lastMessageAt;

	private volatile String lastError;

	private HttpClient httpClient;

	private ScheduledExecutorService scheduler;

	private ExecutorService workers;

	/**
	 * A transport.
	 * @param platform the platform id, the {@code platform} tag of the meters
	 * @param name what logs call it ("Slack Socket Mode")
	 * @param connections how many connections to hold open
	 * @param pingInterval how often each connection is pinged
	 * @param jsonMapper reads frames
	 * @param meterRegistry where the meters go
	 * @param clock the clock
	 */
	protected SocketTransport(String platform, String name, int connections, Duration pingInterval,
			JsonMapper jsonMapper, MeterRegistry meterRegistry, Clock clock) {
		this.platform = platform;
		this.name = name;
		this.wanted = connections;
		this.pingInterval = pingInterval;
		this.jsonMapper = jsonMapper;
		this.meterRegistry = meterRegistry;
		this.clock = clock;
		meterRegistry.gauge(CONNECTIONS_METER, Tags.of("platform", platform), this.connections,
				(open) -> open.stream().filter(Link::greeted).count());
	}

	/**
	 * Where the next connection goes. Called off the socket threads before each
	 * connection; it may call the platform's REST API.
	 * @return the URL and the headers of the upgrade request
	 * @throws RuntimeException when no URL can be had now (counted as {@code open_failed}
	 * and retried); its message must hold no secret
	 */
	protected abstract Target target();

	/**
	 * A whole text frame arrived, and it is JSON (a frame that is not is logged and
	 * ignored).
	 * @param link the connection
	 * @param frame the frame
	 */
	protected abstract void received(Link link, JsonNode frame);

	/**
	 * The upgrade succeeded. By default nothing happens: the platform's greeting frame
	 * calls {@link #ready}.
	 * @param link the connection
	 */
	protected void opened(Link link) {
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		this.stoppedBecause = null;
		this.httpClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon(this.platform + "-socket"));
		this.workers = Executors.newFixedThreadPool(2, daemon(this.platform + "-socket-inbound"));
		for (int i = 0; i < this.wanted; i++) {
			this.scheduler.execute(this::open);
		}
		long ping = this.pingInterval.toMillis();
		this.scheduler.scheduleWithFixedDelay(this::checkConnections, ping, ping, TimeUnit.MILLISECONDS);
		logger.info("{}: opening {} connection(s)", this.name, this.wanted);
	}

	@Override
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		closeAll("gateway stopping");
		this.scheduler.shutdownNow();
		this.workers.shutdown();
		try {
			// commands already handed over run on in the command runner, which stops
			// after us; what arrives from now on is not claimed, so another replica runs
			// it
			if (!this.workers.awaitTermination(5, TimeUnit.SECONDS)) {
				logger.warn("{}: messages still being handed over at shutdown were dropped", this.name);
				this.workers.shutdownNow();
			}
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
	 * What health reports.
	 * @return the state of the connections
	 */
	public SocketStatus status() {
		long open = this.connections.stream().filter(Link::greeted).count();
		return new SocketStatus(active(), (int) open, this.wanted, this.lastMessageAt, this.lastError,
				this.stoppedBecause);
	}

	/**
	 * The connection said hello (or resumed): it counts as open, the back-off starts
	 * again from its shortest, and connections it replaces are closed.
	 * @param link the connection
	 */
	protected final void ready(Link link) {
		link.hello = true;
		this.failures.set(0);
		logger.info("{} connection open ({} of {})", this.name, this.connections.stream().filter(Link::greeted).count(),
				this.wanted);
		for (Link other : this.connections) {
			if (other.retiring && other != link && !other.draining) {
				other.draining = true;
				closeReplaced(other);
			}
		}
	}

	/**
	 * Closes a replaced connection after {@link #REPLACED_DRAIN}, so that frames already
	 * on their way on it are still acknowledged and run; it stays in the list until then,
	 * so that stopping closes it too.
	 */
	private void closeReplaced(Link replaced) {
		Runnable close = () -> {
			this.connections.remove(replaced);
			replaced.close("replaced");
		};
		try {
			this.scheduler.schedule(close, REPLACED_DRAIN.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			close.run();
		}
	}

	/**
	 * The platform asked to replace a connection: the next one is opened first, and this
	 * one is closed once that one is ready.
	 * @param link the connection
	 * @param reason why, the {@code reason} tag of the reconnects meter
	 */
	protected final void replace(Link link, String reason) {
		logger.info("{}: the platform asked to replace a connection ({}); opening the next one first", this.name,
				reason);
		countReconnect(reason);
		link.retiring = true;
		this.scheduler.execute(this::open);
	}

	/**
	 * Drops a connection and opens another after a back-off.
	 * @param link the connection
	 * @param reason why, the {@code reason} tag of the reconnects meter
	 * @param error what health shows as the last error (no secrets)
	 */
	protected final void reconnect(Link link, String reason, String error) {
		if (!this.connections.remove(link)) {
			return;
		}
		link.abort();
		this.lastError = reason + ": " + error;
		if (!active() || link.retiring) {
			return;
		}
		countReconnect(reason);
		Duration delay = backoff(this.failures.incrementAndGet());
		logger.warn("{} connection lost ({}: {}); reconnecting in {} ms", this.name, reason, error, delay.toMillis());
		try {
			this.scheduler.schedule(this::open, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// stopping
		}
	}

	/**
	 * Closes every connection and opens none until the transport is restarted; health
	 * turns down.
	 * @param reason why (health's {@code stoppedBecause})
	 * @param error what health shows as the last error
	 */
	protected final void stopConnections(String reason, String error) {
		this.stoppedBecause = reason;
		this.lastError = error;
		closeAll(reason);
	}

	/**
	 * Runs inbound work (claiming and starting a command) off the socket's thread.
	 * @param task the work
	 * @return false when the transport is stopping and the work was not taken
	 */
	protected final boolean handOver(Runnable task) {
		try {
			this.workers.execute(task);
			return true;
		}
		catch (RejectedExecutionException ex) {
			return false;
		}
	}

	/**
	 * The clock.
	 * @return the clock
	 */
	protected final Clock clock() {
		return this.clock;
	}

	/**
	 * The mapper that reads frames, for writing the platform's own frames too.
	 * @return the mapper
	 */
	protected final JsonMapper jsonMapper() {
		return this.jsonMapper;
	}

	/**
	 * How long to wait before the given attempt: doubling from 250 ms up to 30 s, with
	 * jitter in the upper half so that replicas do not reconnect in step.
	 * @param attempt the attempt, from 1
	 * @return the delay
	 */
	static Duration backoff(int attempt) {
		long ceiling = Math.min(MAX_BACKOFF.toMillis(), MIN_BACKOFF.toMillis() << Math.min(attempt - 1, 16));
		return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
	}

	private void open() {
		long retiring = this.connections.stream().filter((c) -> c.retiring).count();
		if (!active() || this.connections.size() >= this.wanted + retiring) {
			return;
		}
		Link link = new Link();
		this.connections.add(link);
		Target target;
		try {
			target = target();
		}
		catch (RuntimeException ex) {
			reconnect(link, "open_failed", ex.getMessage());
			return;
		}
		WebSocket.Builder builder = this.httpClient.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
		target.headers().forEach(builder::header);
		builder.buildAsync(target.url(), link).whenComplete((webSocket, ex) -> {
			if (ex != null) {
				// the exception may name the URL, with its ticket: say only its kind
				reconnect(link, "connect_failed", "could not connect (" + describe(ex) + ")");
			}
		});
	}

	private boolean active() {
		return this.running && this.stoppedBecause == null;
	}

	private void countReconnect(String reason) {
		this.meterRegistry.counter(RECONNECTS_METER, "platform", this.platform, "reason", reason).increment();
	}

	private void checkConnections() {
		Instant now = this.clock.instant();
		Duration deadline = this.pingInterval.multipliedBy(3);
		for (Link link : this.connections) {
			if (link.webSocket == null) {
				continue;
			}
			if (Duration.between(link.lastHeard, now).compareTo(deadline) > 0) {
				reconnect(link, "silent", "no frame for " + deadline.toMillis() + " ms");
			}
			else {
				link.send((ws) -> ws.sendPing(ByteBuffer.allocate(0)));
			}
		}
	}

	private void closeAll(String why) {
		for (Link link : this.connections) {
			this.connections.remove(link);
			link.close(why);
		}
	}

	private static String describe(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			if (cause instanceof WebSocketHandshakeException handshake) {
				return "HTTP " + handshake.getResponse().statusCode();
			}
			cause = cause.getCause();
		}
		if (cause instanceof WebSocketHandshakeException handshake) {
			return "HTTP " + handshake.getResponse().statusCode();
		}
		return cause.getClass().getSimpleName();
	}

	private static ThreadFactory daemon(String name) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * Where to connect.
	 *
	 * @param url the {@code ws://} or {@code wss://} URL
	 * @param headers headers of the upgrade request (for example {@code Authorization})
	 */
	public record Target(URI url, Map<String, String> headers) {

		public Target {
			headers = Map.copyOf(headers);
		}

		@Override
		public String toString() {
			return "Target[url=<hidden>, headers=" + this.headers.keySet() + "]";
		}

	}

	/**
	 * What health reports about a transport.
	 *
	 * @param running whether connections are kept open
	 * @param open connections that said hello
	 * @param wanted connections asked for
	 * @param lastMessageAt when the last frame arrived, or null
	 * @param lastError the last failure, or null
	 * @param stoppedBecause why the platform stopped the transport (Slack's
	 * link_disabled), or null
	 */
	public record SocketStatus(boolean running, int open, int wanted, Instant lastMessageAt, String lastError,
			String stoppedBecause) {
	}

	/** One WebSocket to the platform. */
	protected final class Link implements WebSocket.Listener {

		private final StringBuilder partial = new StringBuilder();

		private final Object sendLock = new Object();

		private CompletableFuture<WebSocket> sending;

		private volatile WebSocket webSocket;

		private volatile Instant lastHeard = SocketTransport.this.clock.instant();

		private volatile boolean hello;

		private volatile boolean retiring;

		private volatile boolean draining;

		private Link() {
		}

		boolean greeted() {
			return this.hello && !this.retiring;
		}

		@Override
		public void onOpen(WebSocket webSocket) {
			this.webSocket = webSocket;
			synchronized (this.sendLock) {
				this.sending = CompletableFuture.completedFuture(webSocket);
			}
			if (!active() || !SocketTransport.this.connections.contains(this)) {
				close("not needed");
				return;
			}
			heard();
			opened(this);
			webSocket.request(1);
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			heard();
			this.partial.append(data);
			if (last) {
				String text = this.partial.toString();
				this.partial.setLength(0);
				frame(text);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
			// the client answers with a pong by itself
			heard();
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
			heard();
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			reconnect(this, "closed", "the platform closed the connection (" + statusCode + ")");
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			reconnect(this, "error", describe(error));
		}

		/**
		 * Sends a text frame after the ones before it (the client sends one at a time).
		 * @param text the frame
		 * @return when it was sent
		 */
		public CompletableFuture<WebSocket> sendText(String text) {
			return send((ws) -> ws.sendText(text, true));
		}

		private void frame(String text) {
			JsonNode frame;
			try {
				frame = SocketTransport.this.jsonMapper.readTree(text);
			}
			catch (JacksonException ex) {
				logger.warn("{}: a frame that is not JSON arrived; ignored", SocketTransport.this.name);
				return;
			}
			received(this, frame);
		}

		private void heard() {
			this.lastHeard = SocketTransport.this.clock.instant();
			SocketTransport.this.lastMessageAt = this.lastHeard;
		}

		private CompletableFuture<WebSocket> send(Function<WebSocket, CompletableFuture<WebSocket>> frame) {
			synchronized (this.sendLock) {
				if (this.sending == null) {
					return CompletableFuture.failedFuture(new IllegalStateException("not open"));
				}
				this.sending = this.sending.exceptionally((ex) -> this.webSocket).thenCompose(frame);
				return this.sending;
			}
		}

		private void close(String why) {
			WebSocket ws = this.webSocket;
			if (ws != null && !ws.isOutputClosed()) {
				send((open) -> open.sendClose(WebSocket.NORMAL_CLOSURE, why)).orTimeout(2, TimeUnit.SECONDS)
					.whenComplete((done, ex) -> {
						if (ex != null) {
							ws.abort();
						}
					});
			}
		}

		private void abort() {
			WebSocket ws = this.webSocket;
			if (ws != null) {
				ws.abort();
			}
		}

	}

}
