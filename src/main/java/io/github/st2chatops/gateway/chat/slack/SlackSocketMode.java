package io.github.st2chatops.gateway.chat.slack;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.st2chatops.gateway.chat.ChatInboundParser.Parsed;
import io.github.st2chatops.gateway.chat.ChatPlatform;
import io.github.st2chatops.gateway.chat.ChatRequest;
import io.github.st2chatops.gateway.chat.InboundFlow;
import io.github.st2chatops.gateway.chat.InboundOutcome;
import io.github.st2chatops.gateway.chat.SocketTransport;

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
 * failed connections are retried with exponential back-off and jitter (all of which
 * {@link SocketTransport} does). The connection URL and the tokens are never logged.
 */
class SlackSocketMode extends SocketTransport {

	static final String CONNECTIONS_METER = SocketTransport.CONNECTIONS_METER;

	static final String RECONNECTS_METER = SocketTransport.RECONNECTS_METER;

	static final String ACK_METER = SocketTransport.ACK_METER;

	private static final Logger logger = LoggerFactory.getLogger(SlackSocketMode.class);

	private static final Set<String> ENVELOPES = Set.of("events_api", "slash_commands", "interactive");

	private final SlackClient client;

	private final String appToken;

	private final InboundFlow flow;

	private final SlackInteractions interactions;

	private final ChatPlatform<Void> platform;

	private final Timer ackTimer;

	SlackSocketMode(SlackClient client, String appToken, SlackProperties.SocketMode settings, InboundFlow flow,
			ChatPlatform<Void> platform, JsonMapper jsonMapper, MeterRegistry meterRegistry, Clock clock,
			SlackInteractions interactions) {
		super(SlackConfiguration.PLATFORM, "Slack Socket Mode", settings.connections(), settings.pingInterval(),
				jsonMapper, meterRegistry, clock);
		this.interactions = interactions;
		this.client = client;
		this.appToken = appToken;
		this.flow = flow;
		this.platform = platform;
		this.ackTimer = Timer.builder(ACK_METER)
			.description("Time from an envelope's arrival to its acknowledgement being sent")
			.tag("platform", SlackConfiguration.PLATFORM)
			.register(meterRegistry);
	}

	/** A URL from {@code apps.connections.open}, whose ticket works once. */
	@Override
	protected Target target() {
		return new Target(this.client.openConnection(this.appToken), Map.of());
	}

	@Override
	protected void received(Link connection, JsonNode frame) {
		Instant arrived = clock().instant();
		String type = frame.path("type").asString("");
		if ("hello".equals(type)) {
			ready(connection);
		}
		else if ("disconnect".equals(type)) {
			disconnectRequested(connection, frame.path("reason").asString("warning"));
		}
		else if (ENVELOPES.contains(type) && frame.hasNonNull("envelope_id")) {
			envelope(connection, frame, arrived);
		}
		else {
			logger.debug("Slack sent a Socket Mode frame of type '{}'; ignored", type);
		}
	}

	private void disconnectRequested(Link connection, String reason) {
		if ("link_disabled".equals(reason)) {
			logger.error("Slack disabled this app's Socket Mode connections (link_disabled): no Slack message "
					+ "arrives until Socket Mode is switched on again for the app and the gateway restarted");
			stopConnections("link_disabled", "link_disabled: Slack switched Socket Mode off for the app");
			return;
		}
		replace(connection, reason);
	}

	private void envelope(Link connection, JsonNode frame, Instant arrived) {
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
		String ack = jsonMapper().writeValueAsString((ackPayload != null)
				? Map.of("envelope_id", envelopeId, "payload", ackPayload) : Map.of("envelope_id", envelopeId));
		connection.sendText(ack).whenComplete((ws, ex) -> {
			if (ex != null) {
				logger.warn("Could not acknowledge a Slack {} envelope, so nothing ran; Slack sends it again", type);
				return;
			}
			this.ackTimer.record(Duration.between(arrived, clock().instant()));
			if (request == null) {
				logger.debug("Slack {} envelope acknowledged; the gateway has nothing to do with it", type);
				return;
			}
			int retry = frame.path("retry_attempt").asInt(0);
			if (retry > 0) {
				logger.info("Slack retried a {} envelope (try {}, {})", type, retry,
						frame.path("retry_reason").asString(""));
			}
			if (!handOver(() -> run(type, request))) {
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
			return new ChatRequest(SlackInboundParser.EVENTS, null, jsonMapper().writeValueAsBytes(payload));
		}
		// interactive: a click on an inquiry button, read by the interactions' parser
		return new ChatRequest(SlackInteractionParser.SOCKET, null, jsonMapper().writeValueAsBytes(payload));
	}

}
