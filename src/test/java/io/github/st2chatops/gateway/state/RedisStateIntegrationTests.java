package io.github.st2chatops.gateway.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.st2chatops.gateway.chat.WebhookTestSupport;
import io.github.st2chatops.gateway.support.GatewayHttp;
import io.github.st2chatops.gateway.support.RedisReplicas;
import io.github.st2chatops.gateway.support.St2WireMock;
import io.github.st2chatops.gateway.support.StubServer;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas of the gateway on one real Redis (a redis-server on a random port, no
 * Docker), WireMock as st2 and as the generic webhook's callback: what must happen once
 * happens once, whichever replica a delivery reaches.
 */
class RedisStateIntegrationTests {

	@RegisterExtension
	static final StubServer st2 = StubServer.st2();

	@RegisterExtension
	static final StubServer callback = StubServer.serving("gateway.chat.generic.callback-url", "/callback")
		.andServing("gateway.chat.teams.default-workflow-url", "/teams-workflow")
		.andServing("gateway.chat.rocketchat.webhook-url", "/rocketchat-hook")
		.resettingBeforeEach();

	@RegisterExtension
	static final StubServer slack = StubServer.serving("gateway.chat.slack.api-url", "/api").resettingBeforeEach();

	@RegisterExtension
	static final RedisReplicas replicas = new RedisReplicas();

	static final String ROCKETCHAT_TOKEN = "rc-token-for-redis-tests";

	static final String SLACK_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

	@BeforeAll
	static void startReplicas() {
		ReplicaFixtures.startOnSampleCatalog(replicas, List.of(st2, callback, slack),
				"--gateway.chat.slack.signing-secret=" + SLACK_SECRET,
				"--gateway.chat.slack.bot-token=xoxb-test-bot-token",
				"--gateway.chat.rocketchat.token=" + ROCKETCHAT_TOKEN,
				"--gateway.chat.rocketchat.max-message-length=150", "--gateway.chat.delivery.timeout=3s",
				"--gateway.chat.delivery.initial-backoff=50ms", "--gateway.chat.delivery.max-backoff=200ms",
				"--management.endpoint.health.show-details=always",
				"--resilience4j.circuitbreaker.instances.state.wait-duration-in-open-state=300ms");
	}

	@BeforeEach
	void stubChat() {
		callback.stubFor(post("/callback").willReturn(ok()));
		slack.stubFor(any(urlPathEqualTo("/api/users.info"))
			.willReturn(okJson(ReplicaFixtures.fixtureText("/chat/slack/users-info.json"))));
		slack.stubFor(post("/api/chat.postMessage")
			.willReturn(okJson(ReplicaFixtures.fixtureText("/chat/slack/chat-postMessage-ok.json"))));
	}

	@Test
	void sameGenericRequestDeliveredToBothReplicasShouldRunOnce() {
		byte[] body = ReplicaFixtures.fixture("generic-message.json");
		String timestamp = Long.toString(Instant.now().getEpochSecond());

		GatewayHttp.Response first = ReplicaFixtures.sendGeneric(replicas.httpA(), body, timestamp);
		GatewayHttp.Response replay = ReplicaFixtures.sendGeneric(replicas.httpB(), body, timestamp);

		assertThat(first.status()).isEqualTo(202);
		assertThat(first.json()).doesNotContainKey("duplicate");
		assertThat(replay.status()).isEqualTo(202);
		assertThat(replay.json()).containsEntry("duplicate", true);
		// the reply of the one run reaches the callback; the replay was refused before it
		// could start anything
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> callback.verify(1, postRequestedFor(urlEqualTo("/callback"))));
		st2.verify(1, postRequestedFor(urlEqualTo("/api/v1/aliasexecution")));
	}

	@Test
	void slackEventAndItsRetryToTheOtherReplicaShouldRunOnce() {
		String event = ReplicaFixtures.fixtureText("slack-message.json")
			.replace("Ev0PV52K21",
					"Ev" + UUID.randomUUID()
						.toString()
						.replace("-", "")
						.substring(0, 10)
						.toUpperCase(java.util.Locale.ROOT));

		GatewayHttp.Response first = postSlackEvent(replicas.httpA(), event);
		GatewayHttp.Response retry = postSlackEvent(replicas.httpB(), event, "X-Slack-Retry-Num", "1",
				"X-Slack-Retry-Reason", "http_timeout");

		assertThat(first.status()).isEqualTo(200);
		assertThat(retry.status()).isEqualTo(200);
		assertThat(slackWebhooks(replicas.a(), "accepted")).isEqualTo(1);
		assertThat(slackWebhooks(replicas.b(), "duplicate")).as("the retry was recognised on the other replica")
			.isEqualTo(1);
		assertThat(slackWebhooks(replicas.b(), "accepted")).isZero();
		// the ack of the one run is posted to the channel
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> slack.verify(1, postRequestedFor(urlEqualTo("/api/chat.postMessage"))));
		st2.verify(1, postRequestedFor(urlEqualTo("/api/v1/aliasexecution")));
	}

	@Test
	void sameTeamsActivityDeliveredToBothReplicasShouldRunOnce() {
		String activity = ReplicaFixtures.fixtureText("/chat/teams/outgoing-webhook-message.json")
			.replace("1485983408511", "redis" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
			.replace("pack get \\u201cst2\\u201d", "deploy web to prod");
		byte[] body = activity.getBytes(StandardCharsets.UTF_8);

		GatewayHttp.Response first = ReplicaFixtures.sendTeams(replicas.httpA(), body);
		GatewayHttp.Response again = ReplicaFixtures.sendTeams(replicas.httpB(), body);

		assertThat(first.status()).isEqualTo(200);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.body()).contains("already received");
		awaitOneExecution();
	}

	@Test
	void sameRocketChatMessageDeliveredToBothReplicasShouldRunOnce() {
		String message = ReplicaFixtures.fixtureText("/chat/rocketchat/outgoing-webhook-message.json")
			.replace("iNzCwGFnsEyAk7cSj", "redis" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
			.replace("rc-outgoing-token-for-tests", ROCKETCHAT_TOKEN)
			.replace("!st2 pack get \\u201cst2\\u201d", "!st2 deploy web to prod");
		byte[] body = message.getBytes(StandardCharsets.UTF_8);

		GatewayHttp.Response first = replicas.httpA()
			.postBytes("/chat/rocketchat", body, "Content-Type", "application/json");
		GatewayHttp.Response again = replicas.httpB()
			.postBytes("/chat/rocketchat", body, "Content-Type", "application/json");

		assertThat(first.status()).isEqualTo(200);
		assertThat(again.status()).isEqualTo(200);
		awaitOneExecution();
	}

	@Test
	void sameNotificationPushedToBothReplicasShouldBePostedOnce() {
		String body = uniqueNotification();

		GatewayHttp.Response first = ReplicaFixtures.push(replicas.httpA(), body);
		GatewayHttp.Response second = ReplicaFixtures.push(replicas.httpB(), body);

		ReplicaFixtures.assertDeliveredThenDuplicate(first, second);
		callback.verify(1, postRequestedFor(urlEqualTo("/callback")));
	}

	@Test
	void splitResultFailingMidwayOnOneReplicaShouldResumeOnTheOtherWhenSt2Retries() {
		String key = "st2-" + UUID.randomUUID();
		String body = """
				{"message": "PART-A %s\\nPART-B %s\\nPART-C %s", "channel": "rocketchat:GENERAL"}"""
			.formatted("a".repeat(100), "b".repeat(100), "c".repeat(100));
		callback.stubFor(post("/rocketchat-hook").atPriority(10).willReturn(okJson("{\"success\": true}")));
		var failing = callback.stubFor(post("/rocketchat-hook").atPriority(1)
			.withRequestBody(containing("PART-B"))
			.willReturn(aResponse().withStatus(503)));

		GatewayHttp.Response first = ReplicaFixtures.push(replicas.httpA(), body, "Idempotency-Key", key);
		callback.removeStub(failing);
		GatewayHttp.Response retried = ReplicaFixtures.push(replicas.httpB(), body, "Idempotency-Key", key);

		assertThat(first.status()).isEqualTo(503);
		assertThat(retried.status()).isEqualTo(202);
		callback.verify(1, postRequestedFor(urlEqualTo("/rocketchat-hook")).withRequestBody(containing("PART-A")));
		callback.verify(1, postRequestedFor(urlEqualTo("/rocketchat-hook")).withRequestBody(containing("PART-C")));
		assertThat(callback.getAllServeEvents()
			.stream()
			.filter((event) -> event.getRequest().getBodyAsString().contains("PART-B")
					&& event.getResponse().getStatus() == 200)
			.count()).isEqualTo(1);
	}

	@Test
	void notificationsWithTheSameIdempotencyKeyOnBothReplicasShouldBePostedOnce() {
		String key = "st2-" + UUID.randomUUID();

		GatewayHttp.Response first = ReplicaFixtures.push(replicas.httpB(), uniqueNotification(), "Idempotency-Key",
				key);
		GatewayHttp.Response second = ReplicaFixtures.push(replicas.httpA(), uniqueNotification(), "Idempotency-Key",
				key);

		assertThat(first.json()).containsEntry("status", "delivered");
		assertThat(second.json()).containsEntry("status", "duplicate");
		callback.verify(1, postRequestedFor(urlEqualTo("/callback")));
	}

	@Test
	void leaderLockShouldBeHeldByOneReplicaAndTakenOverWhenReleased() {
		String name = "lock-" + UUID.randomUUID();
		LeaderLock a = replicas.a().getBean(LeaderLock.class);
		LeaderLock b = replicas.b().getBean(LeaderLock.class);
		assertThat(a).isInstanceOf(RedisLeaderLock.class);

		assertThat(a.acquireOrRenew(name, Duration.ofSeconds(30))).isTrue();
		assertThat(b.acquireOrRenew(name, Duration.ofSeconds(30))).isFalse();
		assertThat(a.acquireOrRenew(name, Duration.ofSeconds(30))).as("renewal by the holder").isTrue();
		assertThat(a.isHeld(name)).isTrue();
		assertThat(b.isHeld(name)).isFalse();

		// b's release must not free a's lock
		b.release(name);
		assertThat(b.acquireOrRenew(name, Duration.ofSeconds(30))).isFalse();

		((RedisLeaderLock) a).destroy();
		assertThat(a.isHeld(name)).isFalse();
		assertThat(b.acquireOrRenew(name, Duration.ofSeconds(30))).as("taken over at once after shutdown").isTrue();
		assertThat(a.acquireOrRenew(name, Duration.ofSeconds(30))).isFalse();
		b.release(name);
	}

	@Test
	void leaderLockWhoseHolderStopsRenewingShouldExpireAndBeTakenOver() {
		String name = "lock-" + UUID.randomUUID();
		LeaderLock a = replicas.a().getBean(LeaderLock.class);
		LeaderLock b = replicas.b().getBean(LeaderLock.class);
		Duration ttl = Duration.ofMillis(1200);
		long started = System.nanoTime();

		assertThat(a.acquireOrRenew(name, ttl)).isTrue();
		assertThat(b.acquireOrRenew(name, ttl)).isFalse();
		// a stalls (no renewal): without asking Redis it stops believing it holds the
		// lock
		await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50)).until(() -> !a.isHeld(name));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThanOrEqualTo(Duration.ofMillis(2500));
		await().atMost(Duration.ofSeconds(3))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> b.acquireOrRenew(name, ttl));
		assertThat(b.isHeld(name)).isTrue();
		// a wakes up: its renewal fails, because the lock is b's now
		assertThat(a.acquireOrRenew(name, ttl)).isFalse();
		assertThat(a.isHeld(name)).isFalse();
		b.release(name);
	}

	@Test
	void claimShouldLastItsWindowAcrossReplicasAndThenLapse() {
		String key = "window:" + UUID.randomUUID();
		ClaimStore a = replicas.a().getBean(ClaimStore.class);
		ClaimStore b = replicas.b().getBean(ClaimStore.class);
		Duration window = Duration.ofMillis(800);

		assertThat(a.claim(key, window)).isTrue();
		assertThat(b.claim(key, window)).isFalse();
		StringRedisTemplate template = replicas.a().getBean(StringRedisTemplate.class);
		assertThat(template.getExpire(replicas.keyPrefix() + key, java.util.concurrent.TimeUnit.MILLISECONDS))
			.isPositive()
			.isLessThanOrEqualTo(800);
		await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50)).until(() -> b.claim(key, window));
		assertThat(a.claim(key, window)).isFalse();

		b.release(key);
		assertThat(a.claim(key, window)).as("released claims may be taken again").isTrue();
	}

	@Test
	void redisStoppedMidTrafficShouldRefuseAndRunNothingThenDeliverOnceWhenBack() throws IOException {
		String notification = uniqueNotification();
		byte[] generic = ReplicaFixtures.fixture("generic-message.json");
		String timestamp = Long.toString(Instant.now().getEpochSecond());
		String lock = "lock-" + UUID.randomUUID();
		LeaderLock a = replicas.a().getBean(LeaderLock.class);
		assertThat(a.acquireOrRenew(lock, Duration.ofSeconds(30))).isTrue();

		replicas.stopRedis();

		long started = System.nanoTime();
		GatewayHttp.Response refused = ReplicaFixtures.push(replicas.httpA(), notification);
		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.header("Retry-After")).isNotBlank();
		GatewayHttp.Response refusedGeneric = ReplicaFixtures.sendGeneric(replicas.httpB(), generic, timestamp);
		assertThat(refusedGeneric.status()).isEqualTo(503);
		assertThat(refusedGeneric.header("Retry-After")).isNotBlank();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("a dead Redis costs little latency")
			.isLessThan(Duration.ofSeconds(3));
		// a replica that cannot reach Redis does not hold the lock
		assertThat(a.acquireOrRenew(lock, Duration.ofSeconds(30))).isFalse();
		assertThat(a.isHeld(lock)).isFalse();
		Map<String, Object> health = replicas.httpA().get("/actuator/health/state").json();
		assertThat(health).containsEntry("status", "DOWN");
		assertThat(health.get("details").toString()).contains("Redis is unreachable");
		assertThat(replicas.httpA().get("/actuator/health/readiness").status()).as("state is outside readiness")
			.isEqualTo(200);
		callback.verify(0, postRequestedFor(urlEqualTo("/callback")));
		st2.verify(0, postRequestedFor(urlEqualTo("/api/v1/aliasexecution")));

		replicas.startRedis();

		// st2 pushes again until it is taken; every refused push posts nothing
		awaitPushAnswered(replicas.httpB(), notification, "delivered");
		// each replica reconnects on its own: the other one may still refuse for a
		// moment, and once it answers it knows the notification was posted
		awaitPushAnswered(replicas.httpA(), notification, "duplicate");
		callback.verify(1, postRequestedFor(urlEqualTo("/callback")));
		assertThat(replicas.httpA().get("/actuator/health/state").json()).containsEntry("status", "UP");
		st2.verify(0, postRequestedFor(urlEqualTo("/api/v1/aliasexecution")));
	}

	private static double slackWebhooks(ConfigurableApplicationContext replica, String outcome) {
		Counter counter = replica.getBean(MeterRegistry.class)
			.find("gateway.chat.webhooks")
			.tags("platform", "slack", "outcome", outcome)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static GatewayHttp.Response postSlackEvent(GatewayHttp http, String body, String... retryHeaders) {
		List<String> headers = new ArrayList<>(List.of("Content-Type", "application/json"));
		headers.addAll(List
			.of(WebhookTestSupport.slackSigned(SLACK_SECRET, Instant.now(), body.getBytes(StandardCharsets.UTF_8))));
		headers.addAll(List.of(retryHeaders));
		return http.post("/chat/slack/events", body, headers.toArray(String[]::new));
	}

	private static String uniqueNotification() {
		return ReplicaFixtures.notification(UUID.randomUUID().toString());
	}

	/** One command reached st2, and no second one follows. */
	private static void awaitOneExecution() {
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> st2.verify(1, postRequestedFor(urlEqualTo("/api/v1/aliasexecution"))));
		await().during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(3))
			.untilAsserted(() -> st2.verify(1, postRequestedFor(urlEqualTo("/api/v1/aliasexecution"))));
	}

	/**
	 * Pushes a notification to a replica until it no longer refuses it while it
	 * reconnects to Redis, and checks the answer's status.
	 */
	private static void awaitPushAnswered(GatewayHttp http, String notification, String status) {
		await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
			GatewayHttp.Response again = ReplicaFixtures.push(http, notification);
			if (again.status() == 503) {
				return false;
			}
			assertThat(again.json()).containsEntry("status", status);
			return true;
		});
	}

}
