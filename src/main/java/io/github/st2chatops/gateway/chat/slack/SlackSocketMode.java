package io.github.st2chatops.gateway.chat.slack;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;

import io.github.st2chatops.gateway.chat.ChatInboundParser.Parsed;
import io.github.st2chatops.gateway.chat.ChatPlatform;
import io.github.st2chatops.gateway.chat.ChatRequest;
import io.github.st2chatops.gateway.chat.InboundFlow;
import io.github.st2chatops.gateway.chat.InboundOutcome;

/**
 * Slack Socket Mode: the gateway connects out to Slack, so it needs no public URL. It
 * holds {@code socket-mode.connections} WebSockets, each opened with a URL from
 * {@code apps.connections.open}. Every envelope ({@code events_api},
 * {@code slash_commands}, {@code interactive}) is acknowledged with its
 * {@code envelope_id} first; then its payload goes through the same {@link InboundFlow}
 * and {@link SlackInboundParser} as the HTTP endpoints, so it becomes the same command,
 * claimed the same way (a retried envelope of a claimed event runs nothing).
 * <p>
 * A {@code disconnect} with reason {@code warning} or {@code refresh_requested} opens the
 * next connection before the old one is closed; {@code link_disabled} (Socket Mode
 * switched off for the app) stops every connection and is reported in health. A
 * connection that hears nothing (not even a pong) for three ping intervals is replaced;
 * failed connections are retried with exponential back-off and jitter. The connection URL
 * and the tokens are never logged.
 */
class SlackSocketMode implements SmartLifecycle {

	static final String CONNECTIONS_METER = "gateway.chat.socket.connections";

	static final String RECONNECTS_METER = "gateway.chat.socket.reconnects";

	static final String ACK_METER = "gateway.chat.socket.ack";

	private static final Logger logger = LoggerFactory.getLogger(SlackSocketMode.class);

	private static final Set<String> ENVELOPES = Set.of("events_api", "slash_commands", "interactive");

	private static final Duration MIN_BACKOFF = Duration.ofMillis(250);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	private final SlackClient client;

	private final String appToken;

	private final SlackProperties.SocketMode settings;

	private final InboundFlow flow;

	private final SlackInteractions interactions;

	private final ChatPlatform<Void> platform;

	private final JsonMapper jsonMapper;

	private final MeterRegistry meterRegistry;

	private final Clock clock;

	private final Timer ackTimer;

	private final Set<Connection> connections = ConcurrentHashMap.newKeySet();

	private final AtomicInteger failures = new AtomicInteger();

	private final AtomicInteger wanted = new AtomicInteger();

	private volatile boolean running;

	private volatile String stoppedBecause;

	private volatile Instant lastMessageAt;

	private volatile String lastError;

	private HttpClient httpClient;

	private ScheduledExecutorService scheduler;

	private ExecutorService workers;

	SlackSocketMode(SlackClient client, String appToken, SlackProperties.SocketMode settings, InboundFlow flow,
			ChatPlatform<Void> platform, JsonMapper jsonMapper, MeterRegistry meterRegistry, Clock clock,
			SlackInteractions interactions) {
		this.interactions = interactions;
		this.client = client;
		this.appToken = appToken;
		this.settings = settings;
		this.flow = flow;
		this.platform = platform;
		this.jsonMapper = jsonMapper;
		this.meterRegistry = meterRegistry;
		this.clock = clock;
		this.ackTimer = Timer.builder(ACK_METER)
			.description("Time from an envelope's arrival to its acknowledgement being sent")
			.tag("platform", SlackConfiguration.PLATFORM)
			.register(meterRegistry);
		meterRegistry.gauge(CONNECTIONS_METER, io.micrometer.core.instrument.Tags.of("platform", "slack"),
				this.connections, (open) -> open.stream().filter(Connection::greeted).count());
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		this.stoppedBecause = null;
		this.httpClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("slack-socket-mode"));
		this.workers = Executors.newFixedThreadPool(2, daemon("slack-socket-inbound"));
		this.wanted.set(this.settings.connections());
		for (int i = 0; i < this.settings.connections(); i++) {
			this.scheduler.execute(this::open);
		}
		long ping = this.settings.pingInterval().toMillis();
		this.scheduler.scheduleWithFixedDelay(this::checkConnections, ping, ping, TimeUnit.MILLISECONDS);
		logger.info("Slack Socket Mode: opening {} connection(s)", this.settings.connections());
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
			// after us
			if (!this.workers.awaitTermination(5, TimeUnit.SECONDS)) {
				logger.warn("Slack Socket Mode: envelopes still being handed over at shutdown were dropped");
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
	Status status() {
		long open = this.connections.stream().filter(Connection::greeted).count();
		return new Status(active(), (int) open, this.settings.connections(), this.lastMessageAt, this.lastError,
				this.stoppedBecause);
	}

	private void open() {
		if (!active() || this.connections.size() >= this.wanted.get() + retiring()) {
			return;
		}
		Connection connection = new Connection();
		this.connections.add(connection);
		URI url;
		try {
			url = this.client.openConnection(this.appToken);
		}
		catch (RuntimeException ex) {
			failed(connection, "open_failed", ex.getMessage());
			return;
		}
		this.httpClient.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.buildAsync(url, connection)
			.whenComplete((webSocket, ex) -> {
				if (ex != null) {
					// the exception may name the URL, with its ticket: say only its kind
					failed(connection, "connect_failed", "could not connect (" + rootCause(ex) + ")");
				}
			});
	}

	private boolean active() {
		return this.running && this.stoppedBecause == null;
	}

	private long retiring() {
		return this.connections.stream().filter((c) -> c.retiring).count();
	}

	private void failed(Connection connection, String reason, String error) {
		if (!this.connections.remove(connection)) {
			return;
		}
		connection.abort();
		this.lastError = reason + ": " + error;
		if (!active() || connection.retiring) {
			return;
		}
		this.meterRegistry.counter(RECONNECTS_METER, "platform", SlackConfiguration.PLATFORM, "reason", reason)
			.increment();
		int attempt = this.failures.incrementAndGet();
		Duration delay = backoff(attempt);
		logger.warn("Slack Socket Mode connection lost ({}: {}); reconnecting in {} ms", reason, error,
				delay.toMillis());
		schedule(this::open, delay);
	}

	static Duration backoff(int attempt) {
		long ceiling = Math.min(MAX_BACKOFF.toMillis(), MIN_BACKOFF.toMillis() << Math.min(attempt - 1, 16));
		// full jitter above half the ceiling, so replicas do not reconnect in step
		return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
	}

	private void schedule(Runnable task, Duration delay) {
		try {
			this.scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RuntimeException ex) {
			// stopping
		}
	}

	private void checkConnections() {
		Instant now = this.clock.instant();
		Duration deadline = this.settings.pingInterval().multipliedBy(3);
		for (Connection connection : this.connections) {
			if (connection.webSocket == null) {
				continue;
			}
			if (Duration.between(connection.lastHeard, now).compareTo(deadline) > 0) {
				failed(connection, "silent", "no frame for " + deadline.toMillis() + " ms");
			}
			else {
				connection.send((ws) -> ws.sendPing(ByteBuffer.allocate(0)));
			}
		}
	}

	private void disconnectRequested(Connection connection, String reason) {
		if ("link_disabled".equals(reason)) {
			logger.error("Slack disabled this app's Socket Mode connections (link_disabled): no Slack message "
					+ "arrives until Socket Mode is switched on again for the app and the gateway restarted");
			this.stoppedBecause = "link_disabled";
			this.lastError = "link_disabled: Slack switched Socket Mode off for the app";
			closeAll("link disabled");
			return;
		}
		logger.info("Slack asked to replace a Socket Mode connection ({}); opening the next one first", reason);
		this.meterRegistry.counter(RECONNECTS_METER, "platform", SlackConfiguration.PLATFORM, "reason", reason)
			.increment();
		connection.retiring = true;
		this.scheduler.execute(this::open);
	}

	private void helloFrom(Connection connection) {
		this.failures.set(0);
		logger.info("Slack Socket Mode connection open ({} of {})",
				this.connections.stream().filter(Connection::greeted).count(), this.settings.connections());
		for (Connection other : this.connections) {
			if (other.retiring && other != connection) {
				this.connections.remove(other);
				other.close("replaced");
			}
		}
	}

	private void closeAll(String why) {
		for (Connection connection : this.connections) {
			this.connections.remove(connection);
			connection.close(why);
		}
	}

	private void envelope(Connection connection, JsonNode frame, Instant arrived) {
		String envelopeId = frame.path("envelope_id").asString("");
		String type = frame.path("type").asString("");
		JsonNode payload = frame.path("payload");
		ChatRequest request = request(type, payload);
		Object ackPayload = null;
		if (request != null && "slash_commands".equals(type) && frame.path("accepts_response_payload").asBoolean(false)
				&& this.platform.parser().parse(request) instanceof Parsed.Command<Void>) {
			// as the HTTP endpoint does: show the command in the channel
			ackPayload = Map.of("response_type", "in_channel");
		}
		String ack = this.jsonMapper.writeValueAsString((ackPayload != null)
				? Map.of("envelope_id", envelopeId, "payload", ackPayload) : Map.of("envelope_id", envelopeId));
		connection.send((ws) -> ws.sendText(ack, true)).whenComplete((ws, ex) -> {
			if (ex != null) {
				logger.warn("Could not acknowledge a Slack {} envelope, so nothing ran; Slack sends it again", type);
				return;
			}
			this.ackTimer.record(Duration.between(arrived, this.clock.instant()));
			if (request == null) {
				logger.debug("Slack {} envelope acknowledged; the gateway has nothing to do with it", type);
				return;
			}
			int retry = frame.path("retry_attempt").asInt(0);
			if (retry > 0) {
				logger.info("Slack retried a {} envelope (try {}, {})", type, retry,
						frame.path("retry_reason").asString(""));
			}
			try {
				this.workers.execute(() -> run(type, request));
			}
			catch (RuntimeException rejected) {
				logger.warn("A Slack {} envelope arrived while the gateway stopped; nothing ran", type);
			}
		});
	}

	private void run(String type, ChatRequest request) {
		try {
			if (SlackInteractionParser.SOCKET.equals(request.kind())) {
				InboundOutcome<SlackInteraction> clicked = this.interactions.acceptVerified(request.body());
				if (clicked instanceof InboundOutcome.Refused<SlackInteraction> refused) {
					logger.warn("A Slack {} envelope ran nothing: {}", type, refused.problem().detail());
				}
				return;
			}
			InboundOutcome<Void> outcome = this.flow.acceptVerified(this.platform, request);
			if (outcome instanceof InboundOutcome.Refused<Void> refused) {
				logger.warn("A Slack {} envelope ran nothing: {}", type, refused.problem().detail());
			}
		}
		catch (RuntimeException ex) {
			logger.error("A Slack {} envelope failed", type, ex);
		}
	}

	/**
	 * The request the HTTP endpoint would have had for this payload: a slash command's
	 * fields form-encoded, an event as its JSON.
	 */
	private ChatRequest request(String type, JsonNode payload) {
		if (!payload.isObject()) {
			return null;
		}
		if ("slash_commands".equals(type)) {
			StringJoiner form = new StringJoiner("&");
			for (Map.Entry<String, JsonNode> field : payload.properties()) {
				JsonNode value = field.getValue();
				if (value.isValueNode() && !value.isNull()) {
					form.add(URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
							+ URLEncoder.encode(value.asString(), StandardCharsets.UTF_8));
				}
			}
			return new ChatRequest(SlackInboundParser.COMMANDS, null, form.toString().getBytes(StandardCharsets.UTF_8));
		}
		if ("events_api".equals(type)) {
			return new ChatRequest(SlackInboundParser.EVENTS, null, this.jsonMapper.writeValueAsBytes(payload));
		}
		// interactive: a click on an inquiry button, read by the interactions' parser
		return new ChatRequest(SlackInteractionParser.SOCKET, null, this.jsonMapper.writeValueAsBytes(payload));
	}

	private static String rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause.getClass().getSimpleName();
	}

	private static java.util.concurrent.ThreadFactory daemon(String name) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * What health reports about Socket Mode.
	 *
	 * @param running whether connections are kept open
	 * @param open connections that said hello
	 * @param wanted connections asked for
	 * @param lastMessageAt when the last frame arrived, or null
	 * @param lastError the last failure, or null
	 * @param stoppedBecause why Slack stopped Socket Mode ({@code link_disabled}), or
	 * null
	 */
	record Status(boolean running, int open, int wanted, Instant lastMessageAt, String lastError,
			String stoppedBecause) {
	}

	/** One WebSocket to Slack. */
	private final class Connection implements WebSocket.Listener {

		private final StringBuilder partial = new StringBuilder();

		private final Object sendLock = new Object();

		private CompletableFuture<WebSocket> sending;

		private volatile WebSocket webSocket;

		private volatile Instant lastHeard = SlackSocketMode.this.clock.instant();

		private volatile boolean hello;

		private volatile boolean retiring;

		boolean greeted() {
			return this.hello && !this.retiring;
		}

		@Override
		public void onOpen(WebSocket webSocket) {
			this.webSocket = webSocket;
			synchronized (this.sendLock) {
				this.sending = CompletableFuture.completedFuture(webSocket);
			}
			if (!active() || !SlackSocketMode.this.connections.contains(this)) {
				close("not needed");
				return;
			}
			heard();
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
			failed(this, "closed", "Slack closed the connection (" + statusCode + ")");
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			failed(this, "error", rootCause(error));
		}

		private void heard() {
			this.lastHeard = SlackSocketMode.this.clock.instant();
			SlackSocketMode.this.lastMessageAt = this.lastHeard;
		}

		private void frame(String text) {
			Instant arrived = SlackSocketMode.this.clock.instant();
			JsonNode frame;
			try {
				frame = SlackSocketMode.this.jsonMapper.readTree(text);
			}
			catch (JacksonException ex) {
				logger.warn("Slack sent a Socket Mode frame that is not JSON; ignored");
				return;
			}
			String type = frame.path("type").asString("");
			if ("hello".equals(type)) {
				this.hello = true;
				helloFrom(this);
			}
			else if ("disconnect".equals(type)) {
				disconnectRequested(this, frame.path("reason").asString("warning"));
			}
			else if (ENVELOPES.contains(type) && frame.hasNonNull("envelope_id")) {
				envelope(this, frame, arrived);
			}
			else {
				logger.debug("Slack sent a Socket Mode frame of type '{}'; ignored", type);
			}
		}

		/** Sends one frame after the ones before it (the client sends one at a time). */
		CompletableFuture<WebSocket> send(java.util.function.Function<WebSocket, CompletableFuture<WebSocket>> frame) {
			synchronized (this.sendLock) {
				if (this.sending == null) {
					return CompletableFuture.failedFuture(new IllegalStateException("not open"));
				}
				this.sending = this.sending.exceptionally((ex) -> this.webSocket).thenCompose(frame);
				return this.sending;
			}
		}

		void close(String why) {
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

		void abort() {
			WebSocket ws = this.webSocket;
			if (ws != null) {
				ws.abort();
			}
		}

	}

}
