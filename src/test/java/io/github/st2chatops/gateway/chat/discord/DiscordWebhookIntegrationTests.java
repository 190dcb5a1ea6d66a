package io.github.st2chatops.gateway.chat.discord;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.st2chatops.gateway.alias.AliasCatalogSynchronizer;
import io.github.st2chatops.gateway.support.GatewayHttp;
import io.github.st2chatops.gateway.support.St2WireMock;
import io.github.st2chatops.gateway.support.StubServer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.github.st2chatops.gateway.chat.WebhookTestSupport.assertProblem;
import static io.github.st2chatops.gateway.chat.WebhookTestSupport.discordKeyPair;
import static io.github.st2chatops.gateway.chat.WebhookTestSupport.discordPublicKeyHex;
import static io.github.st2chatops.gateway.chat.WebhookTestSupport.discordSigned;
import static io.github.st2chatops.gateway.chat.WebhookTestSupport.fixtureText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Discord end to end: the gateway on a random port with its real command pipeline,
 * WireMock as st2 and as Discord's API. A signed {@code /st2} interaction runs its alias
 * once and is answered deferred at once; the ack follows through the interaction's
 * webhook; st2's result, pushed with the address st2 kept, reaches the channel through
 * the bot, in reply to the command's answer.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "gateway.st2.api-key=st2-test-api-key", "gateway.st2.retry.max-retries=0",
				"gateway.catalog.refresh-interval=1h",
				"gateway.chat.discord.application-id=" + DiscordWebhookIntegrationTests.APPLICATION_ID,
				"gateway.chat.discord.bot-token=" + DiscordWebhookIntegrationTests.BOT_TOKEN,
				"gateway.relay.token=" + DiscordWebhookIntegrationTests.RELAY_TOKEN })
class DiscordWebhookIntegrationTests {

	static final String APPLICATION_ID = "1100000000000000000";

	static final String BOT_TOKEN = "MTEwMDAwMDAwMDAwMDAwMDAwMA.GdbT4p.test-bot-token";

	static final String RELAY_TOKEN = "relay-token-for-discord-0123";

	static final String CHANNEL = "645027906669510667";

	static final String WEBHOOKS = "/api/v10/webhooks/" + APPLICATION_ID + "/";

	static final KeyPair KEYS = discordKeyPair();

	static final AtomicLong ids = new AtomicLong(786008729715212400L);

	@RegisterExtension
	static final StubServer st2 = StubServer.st2().resettingBeforeEach();

	@RegisterExtension
	static final StubServer discord = StubServer.serving("gateway.chat.discord.api-url", "/api/v10")
		.resettingBeforeEach();

	@DynamicPropertySource
	static void publicKey(DynamicPropertyRegistry registry) {
		registry.add("gateway.chat.discord.public-key", () -> discordPublicKeyHex(KEYS));
	}

	@LocalServerPort
	int port;

	@Autowired
	AliasCatalogSynchronizer synchronizer;

	private final JsonMapper json = JsonMapper.builder().build();

	private GatewayHttp http;

	@BeforeEach
	void setUp() {
		this.http = new GatewayHttp(this.port);
		St2WireMock.stubSampleCatalog(st2);
		St2WireMock.stubDeployStarted(st2, "5f1a7e2b9c1d4a0001e0e009");
		assertThat(this.synchronizer.sync()).isTrue();
		discord.stubFor(post(urlPathMatching(WEBHOOKS + "[^/]+"))
			.willReturn(okJson(fixtureText("/chat/discord/message-created.json"))));
		discord.stubFor(get(urlPathMatching(WEBHOOKS + "[^/]+/messages/@original"))
			.willReturn(okJson(fixtureText("/chat/discord/original-message.json"))));
		discord.stubFor(post(urlPathMatching("/api/v10/channels/[0-9]+/messages"))
			.willReturn(okJson(fixtureText("/chat/discord/message-created.json"))));
	}

	@Test
	void commandShouldRunOnceAckAsFollowUpAndTheResultShouldReachTheChannelThroughTheBot() {
		String token = "aW50ZXJhY3Rpb246ZG9uZS13aGVu";

		GatewayHttp.Response response = interaction(token, "deploy web to prod");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).isEqualTo(Map.of("type", 5));
		List<LoggedRequest> followUps = await().until(() -> requests(WEBHOOKS + token), (found) -> !found.isEmpty());
		JsonNode ack = this.json.readTree(followUps.get(0).getBodyAsString());
		assertThat(ack.path("content").asString()).contains("Deploying web");
		assertThat(ack.path("allowed_mentions").path("parse").toString()).isEqualTo("[\"users\"]");
		st2.verify(1,
				postRequestedFor(urlPathEqualTo(St2WireMock.ALIAS_EXECUTION_PATH))
					.withRequestBody(matchingJsonPath("$.source_channel", equalTo("discord:" + CHANNEL)))
					.withRequestBody(matchingJsonPath("$.user", equalTo("53908232506183680")))
					.withRequestBody(matchingJsonPath("$.command", equalTo("deploy web to prod"))));

		// st2's rule posts the result with the address it kept
		JsonNode execution = this.json
			.readTree(st2.findAll(postRequestedFor(urlPathEqualTo(St2WireMock.ALIAS_EXECUTION_PATH)))
				.get(0)
				.getBodyAsString());
		Map<String, Object> notification = Map.of("message", "Deployed web to prod.", "channel",
				execution.path("source_channel").asString(), "user", "53908232506183680", "whisper", false, "context",
				execution.path("source_context"));
		GatewayHttp.Response pushed = this.http.postJson("/api/v1/st2/notifications", RELAY_TOKEN,
				this.json.writeValueAsString(notification));

		assertThat(pushed.status()).isEqualTo(202);
		discord.verify(1, postRequestedFor(urlEqualTo("/api/v10/channels/" + CHANNEL + "/messages"))
			.withHeader("Authorization", equalTo("Bot " + BOT_TOKEN))
			.withRequestBody(matchingJsonPath("$.content", equalTo("Deployed web to prod.")))
			.withRequestBody(matchingJsonPath("$.message_reference.message_id", equalTo("1186300500000000000"))));
		// the ack was the only follow-up
		assertThat(requests(WEBHOOKS + token)).hasSize(1);
	}

	@Test
	void slowSt2ShouldBeAnsweredDeferredAtOnceAndAckedByAFollowUpAfterTheDeadline() {
		st2.stubFor(post(urlPathEqualTo(St2WireMock.ALIAS_EXECUTION_PATH))
			.willReturn(St2WireMock.deployStarted("5f1a7e2b9c1d4a0001e0e00a").withFixedDelay(4_000)));
		String token = "aW50ZXJhY3Rpb246c2xvdw";

		Instant sent = Instant.now();
		GatewayHttp.Response response = interaction(token, "deploy web to prod");
		Instant answered = Instant.now();

		assertThat(response.json()).isEqualTo(Map.of("type", 5));
		// Discord waits three seconds for the answer; st2 took four
		assertThat(answered).isBefore(sent.plusSeconds(3));
		assertThat(requests(WEBHOOKS + token)).isEmpty();
		List<LoggedRequest> followUps = await().atMost(Duration.ofSeconds(15))
			.until(() -> requests(WEBHOOKS + token), (found) -> !found.isEmpty());
		assertThat(followUps.get(0).getLoggedDate().toInstant()).isAfter(sent.plusSeconds(3));
		assertThat(followUps.get(0).getBodyAsString()).contains("Deploying web");
	}

	@Test
	void ackWhenTheInteractionTokenNoLongerWorksShouldGoToTheChannelThroughTheBot() {
		String token = "aW50ZXJhY3Rpb246ZXhwaXJlZA";
		discord.stubFor(post(urlPathEqualTo(WEBHOOKS + token)).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\": \"Invalid Webhook Token\", \"code\": 50027}")));

		interaction(token, "deploy web to prod");

		await().untilAsserted(() -> discord.verify(1,
				postRequestedFor(urlEqualTo("/api/v10/channels/" + CHANNEL + "/messages"))
					.withHeader("Authorization", equalTo("Bot " + BOT_TOKEN))
					.withRequestBody(matchingJsonPath("$.content", containing("Deploying web")))
					.withRequestBody(matchingJsonPath("$.message_reference", absent()))));
	}

	@Test
	void badSignatureShouldBe401AndRunNothing() {
		byte[] body = command("aW50ZXJhY3Rpb246Zm9yZ2Vk", "deploy web to prod");
		String[] headers = discordSigned(discordKeyPair().getPrivate(), now(), body);

		GatewayHttp.Response response = this.http.postBytes("/chat/discord", body, "Content-Type", "application/json",
				headers[0], headers[1], headers[2], headers[3]);

		assertProblem(response, 401, "unauthorized", BOT_TOKEN);
		st2.verify(0, postRequestedFor(urlPathEqualTo(St2WireMock.ALIAS_EXECUTION_PATH)));
		discord.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void pingShouldBeAnsweredWithPong() {
		byte[] body = fixtureText("/chat/discord/ping.json").getBytes(StandardCharsets.UTF_8);
		String[] headers = discordSigned(KEYS.getPrivate(), now(), body);

		GatewayHttp.Response response = this.http.postBytes("/chat/discord", body, "Content-Type", "application/json",
				headers[0], headers[1], headers[2], headers[3]);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).isEqualTo(Map.of("type", 1));
	}

	private GatewayHttp.Response interaction(String token, String line) {
		byte[] body = command(token, line);
		String[] headers = discordSigned(KEYS.getPrivate(), now(), body);
		return this.http.postBytes("/chat/discord", body, "Content-Type", "application/json", headers[0], headers[1],
				headers[2], headers[3]);
	}

	private static byte[] command(String token, String line) {
		return fixtureText("/chat/discord/application-command.json")
			.replace("786008729715212338", String.valueOf(ids.incrementAndGet()))
			.replace("aW50ZXJhY3Rpb246Nzg2MDA4NzI5NzE1MjEyMzM4OnRva2Vu", token)
			.replace("pack get “st2”", line)
			.getBytes(StandardCharsets.UTF_8);
	}

	private static List<LoggedRequest> requests(String path) {
		return discord.findAll(postRequestedFor(urlPathEqualTo(path)));
	}

	private static String now() {
		return String.valueOf(Instant.now().getEpochSecond());
	}

}
