package io.github.st2chatops.gateway.relay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.github.st2chatops.gateway.support.GatewayHttp;
import io.github.st2chatops.gateway.support.StubServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ClassPathResource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.st2chatops.gateway.chat.WebhookTestSupport.stubInTurn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * st2 pushes results to {@code POST /api/v1/st2/notifications}; they reach the chat (a
 * test platform on WireMock) in the right channel and thread, once.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "gateway.st2.url=http://127.0.0.1:9", "gateway.st2.api-key=test-api-key" })
@Import(RelayTestConfiguration.class)
class NotificationPushIntegrationTests extends NotificationPushTestBase {

	static final String PATH = "/api/v1/st2/notifications";

	@RegisterExtension
	static final StubServer chat = StubServer.serving("test.chat.url", "").resettingBeforeEach();

	@Autowired
	RelayTestConfiguration.RecordingSleeper sleeper;

	@Autowired
	RelayTestConfiguration.SwitchableClaimStore claimStore;

	@Autowired
	MeterRegistry meterRegistry;

	@BeforeEach
	void setUp() {
		this.sleeper.waits().clear();
		this.claimStore.setUnavailable(false);
		chat.stubFor(post("/messages").willReturn(aResponse().withStatus(200)));
	}

	@Test
	void pushWithContextShouldPostToTheChannelAndThreadItCameFrom() {
		GatewayHttp.Response response = push(unique(fixture("notification-by-context.json")));

		assertAccepted(response, "delivered");
		chat.verify(1,
				postRequestedFor(urlEqualTo("/messages"))
					.withRequestBody(matchingJsonPath("$.channel", equalTo("C024BE91L")))
					.withRequestBody(matchingJsonPath("$.thread", equalTo("1700000000.000100")))
					.withRequestBody(matchingJsonPath("$.user", equalTo("jdoe")))
					.withRequestBody(matchingJsonPath("$.whisper", equalTo("false")))
					.withRequestBody(matchingJsonPath("$.text",
							WireMock.containing("Action core.local completed.\nstatus : succeeded"))));
	}

	@Test
	void pushWithoutContextShouldBeRoutedByChannel() {
		GatewayHttp.Response response = push(unique(fixture("notification-by-channel.json")));

		assertThat(response.status()).isEqualTo(202);
		chat.verify(1,
				postRequestedFor(urlEqualTo("/messages"))
					.withRequestBody(matchingJsonPath("$.channel", equalTo("C0G9QF9GW")))
					.withRequestBody(matchingJsonPath("$.user", equalTo("alice")))
					.withRequestBody(matchingJsonPath("$.thread", WireMock.absent())));
	}

	@Test
	void pushWithPretextAndExtraShouldResolvePretextPassExtraAndWhisper() {
		GatewayHttp.Response response = push(fixture("notification-pretext-extra.json"), "Idempotency-Key",
				UUID.randomUUID().toString());

		assertThat(response.status()).isEqualTo(202);
		chat.verify(1, postRequestedFor(urlEqualTo("/messages")).withRequestBody(equalToJson(
				"""
						{
						  "text": "Jira issue ST2-42 created\\n  summary : st2 chatops gateway\\n  url : https://jira.example.com/browse/ST2-42",
						  "channel": "C024BE91L",
						  "user": "jdoe",
						  "whisper": true,
						  "extra": {"color": "#042A60", "testchat": {"icon_emoji": ":jira:", "username": "Jira Bot"}}
						}""")));
	}

	@Test
	void pushWhenChatAnswers429ShouldWaitAsToldAndPostOnce() {
		stubInTurn(chat, () -> post("/messages"), aResponse().withStatus(429).withHeader("Retry-After", "3"),
				aResponse().withStatus(200));

		GatewayHttp.Response response = push(unique(fixture("notification-by-context.json")));

		assertThat(response.status()).isEqualTo(202);
		assertThat(this.sleeper.waits()).containsExactly(Duration.ofSeconds(3));
		chat.verify(2, postRequestedFor(urlEqualTo("/messages")));
	}

	@Test
	void pushWhenChatIsDownBeyondTheBoundShouldAnswer503AndARetryLaterShouldPostOnce() {
		chat.stubFor(post("/messages").willReturn(aResponse().withStatus(503)));
		String body = unique(fixture("notification-by-context.json"));

		GatewayHttp.Response failed = push(body);

		assertThat(failed.status()).isEqualTo(503);
		assertThat(failed.header("Content-Type")).startsWith("application/problem+json");
		assertThat(failed.json()).containsEntry("type", "urn:st2-chatops-gateway:problem:unavailable");
		assertThat(Long.parseLong(failed.header("Retry-After"))).isPositive();
		// retried with backoff until the 20s bound, then given up
		assertThat(this.sleeper.waits()).hasSizeGreaterThan(1);
		assertThat(this.sleeper.waits().stream().reduce(Duration.ZERO, Duration::plus))
			.isLessThanOrEqualTo(Duration.ofSeconds(20));
		int triesWhileDown = chat.findAll(postRequestedFor(urlEqualTo("/messages"))).size();
		assertThat(triesWhileDown).isEqualTo(this.sleeper.waits().size() + 1);

		chat.resetAll();
		chat.stubFor(post("/messages").willReturn(aResponse().withStatus(200)));
		GatewayHttp.Response retried = push(body);
		GatewayHttp.Response repeated = push(body);

		assertDeliveredOnce(retried, repeated);
	}

	@Test
	void repeatedPushShouldBePostedOnce() {
		String body = unique(fixture("notification-by-context.json"));

		GatewayHttp.Response first = push(body);
		GatewayHttp.Response second = push(body);

		assertDeliveredOnce(first, second);
	}

	@Test
	void pushesWithTheSameIdempotencyKeyShouldBePostedOnceEvenWhenTheBodiesDiffer() {
		String key = "st2-execution-" + UUID.randomUUID();

		GatewayHttp.Response first = push(unique(fixture("notification-by-context.json")), "Idempotency-Key", key);
		GatewayHttp.Response second = push(unique(fixture("notification-by-context.json")), "Idempotency-Key", key);
		GatewayHttp.Response other = push(unique(fixture("notification-by-context.json")), "Idempotency-Key",
				key + "-other");

		assertAccepted(first, "delivered");
		assertAccepted(second, "duplicate");
		assertAccepted(other, "delivered");
		chat.verify(2, postRequestedFor(urlEqualTo("/messages")));
	}

	@Test
	void concurrentIdenticalPushesShouldBePostedOnce() throws Exception {
		chat.stubFor(post("/messages").willReturn(aResponse().withStatus(200).withFixedDelay(200)));
		String body = unique(fixture("notification-by-context.json"));
		int pushes = 8;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(pushes);
		try {
			List<Future<GatewayHttp.Response>> responses = new ArrayList<>();
			for (int i = 0; i < pushes; i++) {
				responses.add(executor.submit(() -> {
					start.await();
					return push(body);
				}));
			}
			start.countDown();
			List<String> statuses = new ArrayList<>();
			for (Future<GatewayHttp.Response> response : responses) {
				GatewayHttp.Response answer = response.get();
				assertThat(answer.status()).isEqualTo(202);
				statuses.add((String) answer.json().get("status"));
			}
			assertThat(statuses).containsOnlyOnce("delivered");
			assertThat(statuses).filteredOn("duplicate"::equals).hasSize(pushes - 1);
		}
		finally {
			executor.shutdownNow();
		}
		chat.verify(1, postRequestedFor(urlEqualTo("/messages")));
	}

	@Test
	void pushWhenTheStateStoreIsUnavailableShouldAnswer503AndPostNothing() {
		this.claimStore.setUnavailable(true);

		GatewayHttp.Response response = push(unique(fixture("notification-by-context.json")));

		assertThat(response.status()).isEqualTo(503);
		assertThat(response.header("Retry-After")).isEqualTo("30");
		chat.verify(0, postRequestedFor(urlEqualTo("/messages")));
	}

	@Test
	void pushThatChatRefusesForGoodShouldAnswer422AndBeTriedAgainWhenRepeated() {
		chat.stubFor(post("/messages").willReturn(aResponse().withStatus(404)));
		String body = unique(fixture("notification-by-context.json"));

		GatewayHttp.Response first = push(body);
		GatewayHttp.Response second = push(body);

		assertThat(first.status()).isEqualTo(422);
		assertThat((String) first.json().get("detail")).contains("refused");
		assertThat(second.status()).isEqualTo(422);
		// a permanent refusal is not retried within one push
		chat.verify(2, postRequestedFor(urlEqualTo("/messages")));
	}

	@Test
	void pushForACommandRunThroughTheApiShouldBeAcknowledgedAndPostNothing() {
		GatewayHttp.Response response = push("""
				{"message": "Action core.local completed.", "channel": "api:ops", "user": "ops", "whisper": false,
				 "extra": {}, "context": {"platform": "api", "channel": "ops", "user_name": "ops"}}""");

		assertAccepted(response, "not_relayed");
		chat.verify(0, postRequestedFor(urlEqualTo("/messages")));
	}

	@Test
	void pushWithTheTokenAsBasicPasswordShouldBeAccepted() {
		String basic = Base64.getEncoder()
			.encodeToString(("chatops-gateway:" + TOKEN).getBytes(StandardCharsets.UTF_8));

		GatewayHttp.Response response = this.http.post(PATH, unique(fixture("notification-by-channel.json")),
				"Content-Type", "application/json", "Authorization", "Basic " + basic);

		assertThat(response.status()).isEqualTo(202);
		chat.verify(1, postRequestedFor(urlEqualTo("/messages")));
	}

	@Test
	void pushWithAWrongOrMissingTokenShouldAnswer401AndPostNothing() {
		String body = unique(fixture("notification-by-context.json"));

		GatewayHttp.Response wrong = this.http.post(PATH, body, "Content-Type", "application/json", "Authorization",
				"Bearer " + TOKEN + "x");
		GatewayHttp.Response missing = this.http.post(PATH, body, "Content-Type", "application/json");
		GatewayHttp.Response wrongBasic = this.http.post(PATH, body, "Content-Type", "application/json",
				"Authorization", "Basic " + Base64.getEncoder().encodeToString("x:nope".getBytes()));

		for (GatewayHttp.Response response : List.of(wrong, missing, wrongBasic)) {
			assertThat(response.status()).isEqualTo(401);
			assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
			assertThat(response.json()).containsEntry("type", "urn:st2-chatops-gateway:problem:unauthorized");
			assertThat(response.body()).doesNotContain(TOKEN);
		}
		chat.verify(0, postRequestedFor(urlEqualTo("/messages")));
	}

	@Test
	void pushWithABadBodyShouldAnswer400AndPostNothing() {
		List<String> bodies = List.of("not json", "[]", "null", "{\"channel\": \"testchat:C1\"}",
				"{\"message\": \"hi\", \"channel\": \"testchat:C1\", \"whisper\": {\"no\": 1}}",
				"{\"message\": \"hi\", \"channel\": \"testchat:C1\", \"context\": \"testchat:C1\"}",
				"{\"message\": \"  {~}  \", \"channel\": \"testchat:C1\"}");

		for (String body : bodies) {
			GatewayHttp.Response response = push(body);
			assertThat(response.status()).as(body).isEqualTo(400);
			assertThat(response.json()).containsEntry("type", "urn:st2-chatops-gateway:problem:invalid-request");
		}
		GatewayHttp.Response empty = this.http.post(PATH, "", "Authorization", "Bearer " + TOKEN);
		assertThat(empty.status()).isEqualTo(400);
		GatewayHttp.Response badKey = push(fixture("notification-by-channel.json"), "Idempotency-Key", "has space");
		assertThat(badKey.status()).isEqualTo(400);
		GatewayHttp.Response form = this.http.post(PATH, "message=hi", "Content-Type",
				"application/x-www-form-urlencoded", "Authorization", "Bearer " + TOKEN);
		assertThat(form.status()).isEqualTo(415);
		chat.verify(0, postRequestedFor(urlEqualTo("/messages")));
	}

	@Test
	void pushForAnUnknownPlatformOrNoChatShouldAnswer422AndPostNothing() {
		List<String> bodies = List.of("{\"message\": \"hi\", \"channel\": \"nochat:C1\"}",
				"{\"message\": \"hi\", \"channel\": \"C1\"}", "{\"message\": \"hi\"}",
				"{\"message\": \"hi\", \"channel\": \"#ops\", \"context\": {\"platform\": \"irc\", \"channel\": \"#ops\"}}",
				"{\"message\": \"hi\", \"channel\": \"testchat:C1\", \"whisper\": true}");

		for (String body : bodies) {
			GatewayHttp.Response response = push(body);
			assertThat(response.status()).as(body).isEqualTo(422);
			assertThat(response.json()).containsEntry("type", "urn:st2-chatops-gateway:problem:unprocessable");
		}
		chat.verify(0, postRequestedFor(urlEqualTo("/messages")));
	}

	@Test
	void everyOutcomeShouldBeCounted() {
		double before = counted("delivered");
		double unroutableBefore = counted("unroutable", "unknown");

		push(unique(fixture("notification-by-channel.json")));
		push("{\"message\": \"hi\", \"channel\": \"nochat:C1\"}");

		assertThat(counted("delivered")).isEqualTo(before + 1);
		assertThat(counted("unroutable", "unknown")).isEqualTo(unroutableBefore + 1);
	}

	private double counted(String outcome) {
		return counted(outcome, TestChatSender.PLATFORM);
	}

	private double counted(String outcome, String platform) {
		var counter = this.meterRegistry.find("gateway.relay.notifications")
			.tags("source", "push", "platform", platform, "outcome", outcome)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	/**
	 * Makes a fixture's body unique, so that tests sharing the claim store do not meet.
	 */
	private static String unique(String body) {
		return body.replaceFirst("\"message\": \"", "\"message\": \"" + UUID.randomUUID() + " ");
	}

	static String fixture(String name) {
		try {
			return new ClassPathResource("relay/" + name).getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The first push was delivered, the same one again was a duplicate, and chat got one
	 * post.
	 */
	private static void assertDeliveredOnce(GatewayHttp.Response delivered, GatewayHttp.Response repeated) {
		assertAccepted(delivered, "delivered");
		assertAccepted(repeated, "duplicate");
		chat.verify(1, postRequestedFor(urlEqualTo("/messages")));
	}

}
