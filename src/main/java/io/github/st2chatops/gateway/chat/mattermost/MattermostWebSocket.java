package io.github.st2chatops.gateway.chat.mattermost;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.web.util.UriComponentsBuilder;

import io.github.st2chatops.gateway.chat.ChatPlatform;
import io.github.st2chatops.gateway.chat.ChatRequest;
import io.github.st2chatops.gateway.chat.ChatRequestVerifier;
import io.github.st2chatops.gateway.chat.InboundFlow;
import io.github.st2chatops.gateway.chat.InboundOutcome;
import io.github.st2chatops.gateway.chat.SocketTransport;

/**
 * Mattermost's WebSocket: the gateway connects out to {@code /api/v4/websocket} as the
 * bot account (its token in the upgrade's {@code Authorization} header), so Mattermost
 * needs no route to the gateway. The server's {@code hello} carries the connection id;
 * every {@code posted} event goes through {@link MattermostPostParser} and the same
 * {@link InboundFlow} as the webhooks, claimed on the post id, so a post seen twice (a
 * replay, or every replica's socket) runs once.
 * <p>
 * A lost connection is opened again after a back-off with jitter, asking to resume with
 * {@code connection_id} and {@code sequence_number} (the next event it expects), as
 * Mattermost's own clients do: the server then sends what was missed, or nothing when
 * nothing was, or a new {@code hello} when it no longer knows the connection (another
 * node of a cluster, a restart). When events are skipped anyway it is logged; they cannot
 * be had again over the socket.
 */
class MattermostWebSocket extends SocketTransport {

	private static final Logger logger = LoggerFactory.getLogger(MattermostWebSocket.class);

	/** Resuming that failed this often in a row gives way to a fresh connection. */
	private static final int RESUME_ATTEMPTS = 2;

	private final MattermostClient client;

	private final MattermostProperties properties;

	private final InboundFlow flow;

	private final ChatPlatform<MattermostRequest> platform;

	private volatile MattermostBot bot;

	private volatile String connectionId;

	private volatile long nextSequence;

	private volatile boolean resuming;

	private volatile int attemptsSinceFrame;

	MattermostWebSocket(MattermostClient client, MattermostProperties properties, InboundFlow flow,
			JsonMapper jsonMapper, MeterRegistry meterRegistry, Clock clock) {
		super(MattermostConfiguration.PLATFORM, "Mattermost WebSocket", 1, properties.websocket().pingInterval(),
				jsonMapper, meterRegistry, clock);
		this.client = client;
		this.properties = properties;
		this.flow = flow;
		// the socket is authenticated by the bot token: nothing to verify per post, and
		// every reply goes out through the sender
		ChatRequestVerifier none = (request) -> ChatRequestVerifier.Verification.verified();
		this.platform = new ChatPlatform<>(MattermostConfiguration.PLATFORM, none,
				new MattermostPostParser(properties, client, () -> this.bot, jsonMapper), Duration.ZERO);
	}

	/**
	 * The bot account (looked up once, so that a server down at start is retried like a
	 * lost connection), then the socket's URL, with the resume parameters when there is a
	 * connection to resume.
	 */
	@Override
	protected Target target() {
		if (this.bot == null) {
			this.bot = this.client.me();
			logger.info("Mattermost WebSocket: following posts as @{}", this.bot.username());
		}
		if (this.attemptsSinceFrame++ >= RESUME_ATTEMPTS) {
			this.connectionId = null;
		}
		UriComponentsBuilder url = UriComponentsBuilder.fromUri(this.properties.websocketUrl());
		this.resuming = this.connectionId != null;
		if (this.resuming) {
			url.queryParam("connection_id", this.connectionId).queryParam("sequence_number", this.nextSequence);
		}
		URI uri = url.build(true).toUri();
		return new Target(uri, Map.of(HttpHeaders.AUTHORIZATION, "Bearer " + this.properties.botToken()));
	}

	/** A resumed connection gets no new hello when nothing was lost: it is open now. */
	@Override
	protected void opened(Link link) {
		if (this.resuming) {
			ready(link);
		}
	}

	@Override
	protected void received(Link link, JsonNode frame) {
		this.attemptsSinceFrame = 0;
		String event = frame.path("event").asString("");
		if (event.isEmpty()) {
			// an answer to an action (seq_reply); the gateway sends none
			return;
		}
		long sequence = frame.path("seq").asLong(-1);
		if ("hello".equals(event)) {
			this.connectionId = frame.path("data").path("connection_id").asString(null);
			this.nextSequence = sequence + 1;
			ready(link);
			return;
		}
		if (sequence > this.nextSequence) {
			logger.warn("Mattermost WebSocket skipped {} event(s) (sequence {} after {}); posts among them ran nothing",
					sequence - this.nextSequence, sequence, this.nextSequence - 1);
		}
		this.nextSequence = Math.max(this.nextSequence, sequence + 1);
		if (MattermostPostParser.POSTED.equals(event)) {
			ChatRequest request = new ChatRequest(MattermostPostParser.POSTED, null,
					jsonMapper().writeValueAsBytes(frame));
			if (!handOver(() -> run(request))) {
				logger.info("A Mattermost post arrived while the gateway stopped; left to the other replicas");
			}
		}
	}

	private void run(ChatRequest request) {
		try {
			InboundOutcome<MattermostRequest> outcome = this.flow.acceptVerified(this.platform, request);
			if (outcome instanceof InboundOutcome.Refused<MattermostRequest> refused) {
				logger.warn("A Mattermost post ran nothing: {}", refused.problem().detail());
			}
		}
		catch (RuntimeException ex) {
			logger.error("A Mattermost post failed", ex);
		}
	}

}
