package io.github.st2chatops.gateway.chat.mattermost;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit.Stubbing;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatCommand;
import io.github.st2chatops.gateway.chat.SocketTransport;
import io.github.st2chatops.gateway.chat.SocketTransportHealth;
import io.github.st2chatops.gateway.chat.WebSocketTestServer;
import io.github.st2chatops.gateway.chat.WebhookIntegrationTestBase;
import io.github.st2chatops.gateway.support.StubServer;

import static io.github.st2chatops.gateway.chat.WebhookTestSupport.fixtureText;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Mattermost WebSocket end to end, with only a bot token (no slash command or webhook
 * token, no public URL): WireMock as Mattermost's REST API ({@code users/me},
 * {@code posts}), a real WebSocket server speaking Mattermost's events, a recording
 * handler as the command pipeline.
 */
@TestPropertySource(properties = { "gateway.chat.mattermost.websocket.enabled=true",
		"gateway.chat.mattermost.websocket.ping-interval=500ms",
		"gateway.chat.mattermost.bot-token=" + MattermostWebSocketIntegrationTests.BOT_TOKEN })
class MattermostWebSocketIntegrationTests extends WebhookIntegrationTestBase {

	static final String BOT_TOKEN = "6ioei5o1zpgk7gxxq9ofsuwhyo";

	static final String BOT_ID = "wqx8rb6bdfgejbnyaoh8mwz9pe";

	static final String USER_ID = "rnina9994bde8mua79zqcg5hmo";

	static final String CHANNEL_ID = "fy8j97gwii8atq3z6qrmwhx6gh";

	static final String TEAM_ID = "d6ku2ai1nfy6z3c7ffmxx3e8kr";

	static final List<String> events = new CopyOnWriteArrayList<>();

	static final MattermostWebSocketServer server = new MattermostWebSocketServer(events);

	@RegisterExtension
	static final StubServer mattermost = StubServer.serving("gateway.chat.mattermost.url", "").resettingBeforeEach();

	static {
		// before the context starts, so the socket finds the bot at once
		stub(mattermost);
	}

	/** The WebSocket is a server of its own, not WireMock. */
	@DynamicPropertySource
	static void webSocketUrl(DynamicPropertyRegistry registry) {
		registry.add("gateway.chat.mattermost.websocket.url", server::url);
	}

	@Autowired
	MattermostWebSocket webSocket;

	@Autowired
	SocketTransportHealth health;

	@Autowired
	MeterRegistry meterRegistry;

	@AfterAll
	static void stopServer() throws IOException {
		server.close();
	}

	@BeforeEach
	void setUp() {
		sockets().refuseConnections(false);
		sockets().goSilent(false);
		stub(mattermost);
		await().until(() -> this.health.health().getStatus().equals(Status.UP) && !sockets().openLinks().isEmpty());
	}

	/** Mattermost's users/me (the bot) and posts. */
	static void stub(Stubbing mattermost) {
		mattermost.stubFor(get("/api/v4/users/me").withHeader("Authorization", equalTo("Bearer " + BOT_TOKEN))
			.willReturn(okJson(fixtureText("/chat/mattermost/bot-user.json"))));
		mattermost.stubFor(post("/api/v4/posts").willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withBody(fixtureText("/chat/mattermost/post-created.json"))));
	}

	@Test
	void mentionShouldRunOnceAndBeAnsweredInItsThread() throws IOException {
		String postId = unique();

		server.publish(server.posted(postId, USER_ID, "O", "@st2bot pack get st2", "", List.of(BOT_ID), Map.of()));

		await().untilAsserted(() -> mattermost.verify(1,
				postRequestedFor(urlEqualTo("/api/v4/posts"))
					.withRequestBody(matchingJsonPath("$.root_id", equalTo(postId)))
					.withRequestBody(matchingJsonPath("$.channel_id", equalTo(CHANNEL_ID)))
					.withRequestBody(matchingJsonPath("$.message", equalTo("echo: pack get st2")))));
		assertThat(this.handler.commands()).containsExactly(
				new ChatCommand(new ChatAddress("mattermost", TEAM_ID, CHANNEL_ID, postId, USER_ID, USER_ID, null),
						"pack get st2", true));
		WebSocketTestServer.Link link = sockets().lastLink();
		assertThat(link.upgrade().target()).startsWith(MattermostWebSocketServer.PATH);
		assertThat(link.upgrade().headers()).containsEntry("authorization", "Bearer " + BOT_TOKEN);
	}

	@Test
	void directMessageAndReplyShouldBeAddressedAndAnsweredInTheRootsThread() throws IOException {
		String rootId = unique();

		server.publish(server.posted(unique(), USER_ID, "D", "pack get st2", rootId, List.of(), Map.of()));
		server.publish(server.posted(unique(), USER_ID, "O", "!st2 pack get st2", "", List.of(), Map.of()));

		await().until(() -> this.handler.finished().size() == 2);
		assertThat(this.handler.commands()).extracting(ChatCommand::addressed).containsExactlyInAnyOrder(true, false);
		ChatCommand direct = this.handler.commands().stream().filter(ChatCommand::addressed).findFirst().orElseThrow();
		assertThat(direct.address().thread()).isEqualTo(rootId);
		assertThat(direct.address().workspace()).isNull();
		await().untilAsserted(() -> mattermost.verify(1, postRequestedFor(urlEqualTo("/api/v4/posts"))
			.withRequestBody(matchingJsonPath("$.root_id", equalTo(rootId)))));
	}

	@Test
	void botsOwnPostsAndOtherBotsPostsShouldRunNothing() throws IOException {
		double ignored = webhooks("ignored");

		server
			.publish(server.posted(unique(), BOT_ID, "O", "@st2bot ran: pack get st2", "", List.of(BOT_ID), Map.of()));
		server.publish(server.posted(unique(), USER_ID, "O", "@st2bot pack get st2", "", List.of(BOT_ID),
				Map.of("from_bot", "true")));
		server.publish(server.posted(unique(), USER_ID, "O", "@st2bot pack get st2", "", List.of(BOT_ID),
				Map.of("from_webhook", "true")));

		await().until(() -> webhooks("ignored") == ignored + 3);
		assertThat(this.handler.commands()).isEmpty();
	}

	@Test
	void postSeenTwiceShouldRunOnce() throws IOException {
		String postId = unique();
		double duplicates = webhooks("duplicate");

		server.publish(server.posted(postId, USER_ID, "O", "@st2bot pack get st2", "", List.of(BOT_ID), Map.of()));
		server.publish(server.posted(postId, USER_ID, "O", "@st2bot pack get st2", "", List.of(BOT_ID), Map.of()));

		await().until(() -> webhooks("duplicate") == duplicates + 1);
		await().until(() -> this.handler.finished().size() == 1);
		assertThat(this.handler.commands()).hasSize(1);
	}

	@Test
	void droppedConnectionShouldResumeWithoutALostOrDoubledPost() throws IOException {
		WebSocketTestServer.Link first = sockets().lastLink();
		String connectionId = server.connectionId(first);
		server.publish(server.posted(unique(), USER_ID, "O", "@st2bot before the drop", "", List.of(BOT_ID), Map.of()));
		await().until(() -> this.handler.finished().size() == 1);
		int expected = server.sentTo(connectionId);

		sockets().refuseConnections(true);
		first.drop();
		await().until(() -> this.health.health().getStatus().equals(Status.UNKNOWN));
		// Mattermost keeps what is sent while the connection is away
		server.publish(server.posted(unique(), USER_ID, "O", "@st2bot while away", "", List.of(BOT_ID), Map.of()));
		sockets().refuseConnections(false);

		await().until(() -> this.handler.finished().size() == 2);
		assertThat(this.handler.commands()).extracting(ChatCommand::text)
			.containsExactly("before the drop", "while away");
		WebSocketTestServer.Link resumed = sockets().lastLink();
		assertThat(resumed.upgrade().target()).isEqualTo(
				MattermostWebSocketServer.PATH + "?connection_id=" + connectionId + "&sequence_number=" + expected);
		assertThat(server.connectionId(resumed)).isEqualTo(connectionId);
		await().until(() -> this.health.health().getStatus().equals(Status.UP));
	}

	@Test
	void serverDownAtStartShouldBeRetriedUntilItIsUp() throws IOException {
		this.webSocket.stop();
		await().until(() -> sockets().openLinks().isEmpty());
		double failedBefore = reconnects("connect_failed");
		sockets().refuseConnections(true);

		this.webSocket.start();

		await().until(() -> reconnects("connect_failed") >= failedBefore + 2);
		assertThat(this.health.health().getStatus()).isEqualTo(Status.UNKNOWN);
		assertThat(this.health.health().getDetails().get("lastError").toString())
			.isEqualTo("connect_failed: could not connect (HTTP 503)");
		sockets().refuseConnections(false);

		await().until(() -> this.health.health().getStatus().equals(Status.UP));
		server
			.publish(server.posted(unique(), USER_ID, "O", "@st2bot after the outage", "", List.of(BOT_ID), Map.of()));
		await().until(() -> this.handler.finished().size() == 1);
	}

	@Test
	void silentConnectionShouldBeReplaced() {
		double silentBefore = reconnects("silent");
		sockets().goSilent(true);
		int made = sockets().linksMade();
		sockets().lastLink().drop();

		await().until(() -> sockets().linksMade() > made);
		sockets().goSilent(false);

		await().until(() -> reconnects("silent") > silentBefore);
		await().until(() -> this.health.health().getStatus().equals(Status.UP));
	}

	@Test
	void stopShouldCloseWithTheNormalCode() {
		WebSocketTestServer.Link link = sockets().lastLink();

		this.webSocket.stop();

		assertThat(link.awaitClose()).isEqualTo(1000);
		this.webSocket.start();
	}

	@Test
	void webhookEndpointShouldBeOffWithoutAToken() {
		assertThat(this.http.post("/chat/mattermost", "text=x", "Content-Type", "application/x-www-form-urlencoded")
			.status()).isEqualTo(404);
	}

	private static WebSocketTestServer sockets() {
		return server.sockets();
	}

	private double reconnects(String reason) {
		var counter = this.meterRegistry.find(SocketTransport.RECONNECTS_METER)
			.tag("platform", "mattermost")
			.tag("reason", reason)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private double webhooks(String outcome) {
		var counter = this.meterRegistry.find("gateway.chat.webhooks")
			.tag("platform", "mattermost")
			.tag("outcome", outcome)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static String unique() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 26);
	}

}
