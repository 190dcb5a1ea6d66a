package io.github.st2chatops.gateway.chat.slack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.test.context.TestPropertySource;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatCommand;
import io.github.st2chatops.gateway.chat.ChatReply;
import io.github.st2chatops.gateway.chat.SocketTransportHealth;
import io.github.st2chatops.gateway.chat.WebSocketTestServer;
import io.github.st2chatops.gateway.chat.WebhookIntegrationTestBase;
import io.github.st2chatops.gateway.support.GatewayHttp;
import io.github.st2chatops.gateway.support.StubServer;

import static io.github.st2chatops.gateway.chat.WebhookTestSupport.fixtureText;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Slack Socket Mode end to end, with only an app token and a bot token (no signing
 * secret): WireMock as Slack's Web API ({@code apps.connections.open},
 * {@code chat.postMessage}, the {@code response_url}), a real WebSocket server speaking
 * Socket Mode from Slack's side, a recording handler as the command pipeline.
 */
@TestPropertySource(properties = { "gateway.chat.slack.socket-mode.connections=1",
		"gateway.chat.slack.socket-mode.ping-interval=500ms",
		"gateway.chat.slack.app-token=" + SlackSocketModeIntegrationTests.APP_TOKEN,
		"gateway.chat.slack.bot-token=" + SlackSocketModeIntegrationTests.BOT_TOKEN })
class SlackSocketModeIntegrationTests extends WebhookIntegrationTestBase {

	static final String APP_TOKEN = "xapp-1-A01K58AR4RF-2127365438342-9bd4c3ef0b4a";

	static final String BOT_TOKEN = "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy";

	static final String TICKET_PATH = "/link/?ticket=test-ticket";

	static final List<String> events = new CopyOnWriteArrayList<>();

	static final Map<String, Double> acksSentAtRun = new ConcurrentHashMap<>();

	static final WebSocketTestServer server = startServer();

	@RegisterExtension
	static final StubServer slack = StubServer.serving("gateway.chat.slack.api-url", "/api").resettingBeforeEach();

	@Autowired
	SlackSocketMode socketMode;

	@Autowired
	SocketTransportHealth health;

	@Autowired
	MeterRegistry meterRegistry;

	private static WebSocketTestServer startServer() {
		try {
			// Slack's hello, as its Socket Mode docs show it
			return new WebSocketTestServer(events,
					(link) -> link.send("{\"type\":\"hello\",\"num_connections\":"
							+ SlackSocketModeIntegrationTests.server.openLinks().size()
							+ ",\"debug_info\":{\"host\":\"applink-7fc4fdbb64-4x5xq\","
							+ "\"build_number\":10,\"approximate_connection_time\":18060},"
							+ "\"connection_info\":{\"app_id\":\"A01K58AR4RF\"}}"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@BeforeAll
	static void stubConnectionsOpen() {
		slack.stubFor(post("/api/apps.connections.open").withHeader("Authorization", equalTo("Bearer " + APP_TOKEN))
			.willReturn(okJson("{\"ok\":true,\"url\":\"" + server.url(TICKET_PATH) + "\"}")));
	}

	@AfterAll
	static void stopServer() throws IOException {
		server.close();
	}

	@BeforeEach
	void setUp() {
		server.refuseConnections(false);
		server.goSilent(false);
		slack.stubFor(post("/api/apps.connections.open").withHeader("Authorization", equalTo("Bearer " + APP_TOKEN))
			.willReturn(okJson("{\"ok\":true,\"url\":\"" + server.url(TICKET_PATH) + "\"}")));
		SlackWebhookIntegrationTests.slackTakesEveryMessage(slack);
		this.handler.answer((command) -> {
			// how many acks the gateway had sent when this command began to run: the
			// server's
			// own record of receiving an ack is on another thread and may come later
			acksSentAtRun.put(command.text(), acksSent());
			events.add("run:" + command.text());
			return List.of(new ChatReply(command.address(), "echo: " + command.text(), java.util.Map.of(), false));
		});
		await().until(() -> this.health.health().getStatus().equals(Status.UP) && !server.openLinks().isEmpty());
	}

	@Test
	void slashCommandShouldRunOnceAfterItsEnvelopeIsAcknowledged() throws IOException {
		String envelopeId = unique();
		String responsePath = "/commands/T0001/1234567890/" + unique();

		double acksBefore = acksSent();
		link().send(slashCommand(envelopeId, responsePath, "pack get st2"));

		await().untilAsserted(() -> slack.verify(1, postRequestedFor(urlEqualTo(responsePath))
			.withRequestBody(matchingJsonPath("$.text", equalTo("echo: pack get st2")))));
		assertThat(this.handler.commands())
			.containsExactly(new ChatCommand(new ChatAddress("slack", "T0001", "C2147483705", null, "U2147483697",
					"U2147483697", slack.baseUrl() + responsePath), "pack get st2", true));
		// the ack was sent (written to the link) before the command ran
		assertThat(acksSentAtRun.get("pack get st2")).isGreaterThan(acksBefore);
		int ack = indexOf("received:", envelopeId);
		assertThat(ack).isNotNegative();
		JsonNode answer = this.json.readTree(events.get(ack).substring("received:".length()));
		assertThat(answer.path("envelope_id").asString()).isEqualTo(envelopeId);
		assertThat(answer.path("payload").path("response_type").asString()).isEqualTo("in_channel");
	}

	@Test
	void appMentionShouldRunOnceAndARetriedEnvelopeShouldRunNothing() throws IOException {
		String eventId = "Ev" + unique();
		String ts = System.nanoTime() / 1000 + ".000100";
		double duplicates = duplicates();

		link().send(appMention(unique(), eventId, ts, 0));

		await().until(() -> this.handler.finished().size() == 1);
		assertThat(this.handler.commands().get(0).address().thread()).isEqualTo(ts);
		await().untilAsserted(() -> slack.verify(1, postRequestedFor(urlEqualTo("/api/chat.postMessage"))
			.withRequestBody(matchingJsonPath("$.thread_ts", equalTo(ts)))
			.withRequestBody(matchingJsonPath("$.text", equalTo("echo: " + this.handler.commands().get(0).text())))));

		String retry = unique();
		link().send(appMention(retry, eventId, ts, 1));

		await().until(() -> duplicates() == duplicates + 1);
		assertThat(indexOf("received:", retry)).isNotNegative();
		assertThat(this.handler.commands()).hasSize(1);
	}

	@Test
	void refreshRequestedShouldOpenTheNextConnectionFirstAndLoseNoCommand() throws IOException {
		WebSocketTestServer.Link old = link();
		int made = server.linksMade();

		old.send("{\"type\":\"disconnect\",\"reason\":\"refresh_requested\","
				+ "\"debug_info\":{\"host\":\"applink-7fc4fdbb64-4x5xq\"}}");
		// Slack still delivers on the old link until it closes
		old.send(slashCommand(unique(), "/commands/T0001/1/" + unique(), "first"));

		await().until(() -> server.linksMade() == made + 1);
		assertThat(old.awaitClose()).isEqualTo(1000);
		link().send(slashCommand(unique(), "/commands/T0001/2/" + unique(), "second"));

		await().until(() -> this.handler.finished().size() == 2);
		assertThat(this.handler.commands()).extracting(ChatCommand::text).containsExactlyInAnyOrder("first", "second");
		assertThat(server.openLinks()).hasSize(1);
	}

	@Test
	void linkDisabledShouldStopAndReportInHealth() throws IOException {
		link().send("{\"type\":\"disconnect\",\"reason\":\"link_disabled\","
				+ "\"debug_info\":{\"host\":\"applink-7fc4fdbb64-4x5xq\"}}");

		await().until(() -> server.openLinks().isEmpty() && this.health.health().getStatus().equals(Status.DOWN));
		int made = server.linksMade();
		await().during(Duration.ofMillis(1500)).until(() -> server.linksMade() == made);
		assertThat(this.health.health().getDetails()).containsEntry("connected", false)
			.containsEntry("lastError", "link_disabled: Slack switched Socket Mode off for the app");

		// an operator switches it on again and restarts
		this.socketMode.stop();
		this.socketMode.start();
		await().until(() -> this.health.health().getStatus().equals(Status.UP));
	}

	@Test
	void silentConnectionShouldBeReplaced() {
		double silentBefore = reconnects("silent");
		server.goSilent(true);
		int made = server.linksMade();
		link().drop();

		await().until(() -> server.linksMade() > made);
		server.goSilent(false);

		await().until(() -> reconnects("silent") > silentBefore);
		await().until(() -> this.health.health().getStatus().equals(Status.UP));
	}

	@Test
	void slackDownAtStartShouldBeRetriedUntilItIsUp() throws IOException {
		this.socketMode.stop();
		await().until(() -> server.openLinks().isEmpty());
		double failedBefore = reconnects("connect_failed");
		server.refuseConnections(true);

		this.socketMode.start();

		await().until(() -> reconnects("connect_failed") >= failedBefore + 2);
		assertThat(this.health.health().getStatus()).isEqualTo(Status.UNKNOWN);
		assertThat(this.health.health().getDetails().get("lastError").toString()).startsWith("connect_failed")
			.doesNotContain("ticket")
			.doesNotContain(APP_TOKEN);
		server.refuseConnections(false);

		await().until(() -> this.health.health().getStatus().equals(Status.UP));
		link().send(slashCommand(unique(), "/commands/T0001/3/" + unique(), "after the outage"));
		await().until(() -> this.handler.finished().size() == 1);
	}

	@Test
	void httpEndpointsShouldBeOffWithoutASigningSecret() {
		GatewayHttp http = new GatewayHttp(this.port);

		assertThat(http.post("/chat/slack/commands", "text=x", "Content-Type", "application/x-www-form-urlencoded")
			.status()).isEqualTo(404);
	}

	private WebSocketTestServer.Link link() {
		List<WebSocketTestServer.Link> open = server.openLinks();
		assertThat(open).isNotEmpty();
		return open.get(open.size() - 1);
	}

	private double reconnects(String reason) {
		var counter = this.meterRegistry.find(SlackSocketMode.RECONNECTS_METER).tag("reason", reason).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private double duplicates() {
		var counter = this.meterRegistry.find("gateway.chat.webhooks")
			.tag("platform", "slack")
			.tag("outcome", "duplicate")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static int indexOf(String prefix, String envelopeId) {
		for (int i = 0; i < events.size(); i++) {
			if (events.get(i).startsWith(prefix) && events.get(i).contains("\"" + envelopeId + "\"")) {
				return i;
			}
		}
		return -1;
	}

	/** A slash_commands envelope, as Slack's Socket Mode docs show one. */
	private String slashCommand(String envelopeId, String responsePath, String text) {
		ObjectNode payload = this.json.createObjectNode()
			.put("token", "bHKJ2n9AW6Ju3MjciOHfbA1b")
			.put("team_id", "T0001")
			.put("team_domain", "example")
			.put("channel_id", "C2147483705")
			.put("channel_name", "test")
			.put("user_id", "U2147483697")
			.put("user_name", "Steve")
			.put("command", "/st2")
			.put("text", text)
			.put("api_app_id", "A01K58AR4RF")
			.put("is_enterprise_install", "false")
			.put("response_url", slack.baseUrl() + responsePath)
			.put("trigger_id", unique());
		ObjectNode envelope = this.json.createObjectNode().put("envelope_id", envelopeId);
		envelope.set("payload", payload);
		envelope.put("type", "slash_commands").put("accepts_response_payload", true);
		return envelope.toString();
	}

	/** An events_api envelope around Slack's app_mention example. */
	private String appMention(String envelopeId, String eventId, String ts, int retryAttempt) {
		ObjectNode payload = (ObjectNode) this.json.readTree(fixtureText("/chat/slack/app-mention.json"));
		payload.put("event_id", eventId);
		((ObjectNode) payload.get("event")).put("ts", ts).put("event_ts", ts);
		ObjectNode envelope = this.json.createObjectNode().put("envelope_id", envelopeId);
		envelope.set("payload", payload);
		envelope.put("type", "events_api")
			.put("accepts_response_payload", false)
			.put("retry_attempt", retryAttempt)
			.put("retry_reason", (retryAttempt > 0) ? "timeout" : "");
		return envelope.toString();
	}

	private static String unique() {
		return UUID.randomUUID().toString();
	}

	private double acksSent() {
		Timer timer = this.meterRegistry.find(SlackSocketMode.ACK_METER).timer();
		return (timer != null) ? timer.count() : 0;
	}

}
