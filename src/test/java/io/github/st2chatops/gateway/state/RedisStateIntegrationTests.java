package io.github.st2chatops.gateway.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.st2chatops.gateway.chat.HmacSha256;
import io.github.st2chatops.gateway.support.GatewayHttp;
import io.github.st2chatops.gateway.support.RedisReplicas;
import io.github.st2chatops.gateway.support.St2WireMock;

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
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas of the gateway on one real Redis (a redis-server on a random port, no
 * Docker), WireMock as st2 and as the generic webhook's callback: what must happen once
 * happens once, whichever replica a delivery reaches.
 */
class RedisStateIntegrationTests {

	static final String SECRET = "generic-secret-for-redis-tests-0123";

	static final byte[] TEAMS_KEY = "teams-key-for-redis-tests-012345".getBytes(StandardCharsets.UTF_8);

	static final String TEAMS_TOKEN = java.util.Base64.getEncoder().encodeToString(TEAMS_KEY);

	static final String ROCKETCHAT_TOKEN = "rc-token-for-redis-tests";

	static final String RELAY_TOKEN = "relay-token-for-redis-tests-0123456";

	static final String NOTIFICATIONS = "/api/v1/st2/notifications";

	static final String EXECUTION_ID = "5f1a7e2b9c1d4a0001e0e001";

	static final WireMockServer st2 = new WireMockServer(options().dynamicPort());

	static final WireMockServer callback = new WireMockServer(options().dynamicPort());

	static final WireMockServer slack = new WireMockServer(options().dynamicPort());

	static final String SLACK_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

	static final RedisReplicas replicas = new RedisReplicas();

	@BeforeAll
	static void startReplicas() {
		st2.start();
		callback.start();
		slack.start();
		St2WireMock.stubSampleCatalog(st2);
		St2WireMock.stubDeployStarted(st2, EXECUTION_ID);
		replicas.start(st2.baseUrl(), "--gateway.chat.generic.secret=" + SECRET,
				"--gateway.chat.generic.callback-url=" + callback.baseUrl() + "/callback",
				"--gateway.relay.token=" + RELAY_TOKEN, "--gateway.chat.slack.signing-secret=" + SLACK_SECRET,
				"--gateway.chat.slack.bot-token=xoxb-test-bot-token",
				"--gateway.chat.slack.api-url=" + slack.baseUrl() + "/api",
				"--gateway.chat.teams.security-token=" + TEAMS_TOKEN,
				"--gateway.chat.teams.default-workflow-url=" + callback.baseUrl() + "/teams-workflow",
				"--gateway.chat.rocketchat.token=" + ROCKETCHAT_TOKEN,
				"--gateway.chat.rocketchat.webhook-url=" + callback.baseUrl() + "/rocketchat-hook",
				"--gateway.chat.rocketchat.max-message-length=150", "--gateway.chat.delivery.timeout=3s",
				"--gateway.chat.delivery.initial-backoff=50ms", "--gateway.chat.delivery.max-backoff=200ms",
				"--management.endpoint.health.show-details=always",
				"--resilience4j.circuitbreaker.instances.state.wait-duration-in-open-state=300ms");
	}

	@AfterAll
	static void stopReplicas() {
		replicas.stop();
		st2.stop();
		callback.stop();
		slack.stop();
	}

	@BeforeEach
	void reset() {
		replicas.reset();
		st2.resetRequests();
		callback.resetAll();
		callback.stubFor(post("/callback").willReturn(ok()));
		slack.resetAll();
		slack.stubFor(any(urlPathEqualTo("/api/users.info"))
			.willReturn(okJson(new String(fixture("/chat/slack/users-info.json"), StandardCharsets.UTF_8))));
		slack.stubFor(post("/api/chat.postMessage")
			.willReturn(okJson(new String(fixture("/chat/slack/chat-postMessage-ok.json"), StandardCharsets.UTF_8))));
	}

	@Test
	void sameGenericRequestDeliveredToBothReplicasShouldRunOnce() {
		byte[] body = fixture("generic-message.json");
		String timestamp = Long.toString(Instant.now().getEpochSecond());

		GatewayHttp.Response first = sendGeneric(replicas.httpA(), body, timestamp);
		GatewayHttp.Response replay = sendGeneric(replicas.httpB(), body, timestamp);

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
		String event = new String(fixture("slack-message.json"), StandardCharsets.UTF_8).replace("Ev0PV52K21", "Ev"
				+ UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase(java.util.Locale.ROOT));

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
		String activity = new String(fixture("/chat/teams/outgoing-webhook-message.json"), StandardCharsets.UTF_8)
			.replace("1485983408511", "redis" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
			.replace("pack get \\u201cst2\\u201d", "deploy web to prod");
		byte[] body = activity.getBytes(StandardCharsets.UTF_8);
		String hmac = "HMAC " + java.util.Base64.getEncoder().encodeToString(HmacSha256.sign(TEAMS_KEY, body));

		GatewayHttp.Response first = replicas.httpA()
			.postBytes("/chat/teams", body, "Content-Type", "application/json", "Authorization", hmac);
		GatewayHttp.Response again = replicas.httpB()
			.postBytes("/chat/teams", body, "Content-Type", "application/json", "Authorization", hmac);

		assertThat(first.status()).isEqualTo(200);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.body()).contains("already received");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> st2.verify(1, postRequestedFor(urlEqualTo("/api/v1/aliasexecution"))));
		await().during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(3))
			.untilAsserted(() -> st2.verify(1, postRequestedFor(urlEqualTo("/api/v1/aliasexecution"))));
	}

	@Test
	void sameRocketChatMessageDeliveredToBothReplicasShouldRunOnce() {
		String message = new String(fixture("/chat/rocketchat/outgoing-webhook-message.json"), StandardCharsets.UTF_8)
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
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> st2.verify(1, postRequestedFor(urlEqualTo("/api/v1/aliasexecution"))));
		await().during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(3))
			.untilAsserted(() -> st2.verify(1, postRequestedFor(urlEqualTo("/api/v1/aliasexecution"))));
	}

	@Test
	void sameNotificationPushedToBothReplicasShouldBePostedOnce() {
		String body = uniqueNotification();

		GatewayHttp.Response first = push(replicas.httpA(), body);
		GatewayHttp.Response second = push(replicas.httpB(), body);

		assertThat(first.status()).isEqualTo(202);
		assertThat(first.json()).containsEntry("status", "delivered");
		assertThat(second.status()).isEqualTo(202);
		assertThat(second.json()).containsEntry("status", "duplicate");
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

		GatewayHttp.Response first = push(replicas.httpA(), body, "Idempotency-Key", key);
		callback.removeStub(failing);
		GatewayHttp.Response retried = push(replicas.httpB(), body, "Idempotency-Key", key);

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

		GatewayHttp.Response first = push(replicas.httpB(), uniqueNotification(), "Idempotency-Key", key);
		GatewayHttp.Response second = push(replicas.httpA(), uniqueNotification(), "Idempotency-Key", key);

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
		byte[] generic = fixture("generic-message.json");
		String timestamp = Long.toString(Instant.now().getEpochSecond());
		String lock = "lock-" + UUID.randomUUID();
		LeaderLock a = replicas.a().getBean(LeaderLock.class);
		assertThat(a.acquireOrRenew(lock, Duration.ofSeconds(30))).isTrue();

		replicas.stopRedis();

		long started = System.nanoTime();
		GatewayHttp.Response refused = push(replicas.httpA(), notification);
		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.header("Retry-After")).isNotBlank();
		GatewayHttp.Response refusedGeneric = sendGeneric(replicas.httpB(), generic, timestamp);
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
		await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
			GatewayHttp.Response again = push(replicas.httpB(), notification);
			if (again.status() == 503) {
				return false;
			}
			assertThat(again.json()).containsEntry("status", "delivered");
			return true;
		});
		// each replica reconnects on its own: the other one may still refuse for a
		// moment,
		// and once it answers it knows the notification was posted
		await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
			GatewayHttp.Response again = push(replicas.httpA(), notification);
			if (again.status() == 503) {
				return false;
			}
			assertThat(again.json()).containsEntry("status", "duplicate");
			return true;
		});
		callback.verify(1, postRequestedFor(urlEqualTo("/callback")));
		assertThat(replicas.httpA().get("/actuator/health/state").json()).containsEntry("status", "UP");
		st2.verify(0, postRequestedFor(urlEqualTo("/api/v1/aliasexecution")));
	}

	private static GatewayHttp.Response sendGeneric(GatewayHttp http, byte[] body, String timestamp) {
		String signature = "sha256=" + HmacSha256.signHex(SECRET.getBytes(StandardCharsets.UTF_8),
				(timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
		return http.postBytes("/chat/generic", body, "Content-Type", "application/json", "X-Gateway-Timestamp",
				timestamp, "X-Gateway-Signature", signature);
	}

	private static double slackWebhooks(ConfigurableApplicationContext replica, String outcome) {
		Counter counter = replica.getBean(MeterRegistry.class)
			.find("gateway.chat.webhooks")
			.tags("platform", "slack", "outcome", outcome)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static GatewayHttp.Response postSlackEvent(GatewayHttp http, String body, String... retryHeaders) {
		String timestamp = Long.toString(Instant.now().getEpochSecond());
		String signature = "v0=" + HmacSha256.signHex(SLACK_SECRET.getBytes(StandardCharsets.UTF_8),
				("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8));
		String[] headers = new String[retryHeaders.length + 6];
		headers[0] = "Content-Type";
		headers[1] = "application/json";
		headers[2] = "X-Slack-Request-Timestamp";
		headers[3] = timestamp;
		headers[4] = "X-Slack-Signature";
		headers[5] = signature;
		System.arraycopy(retryHeaders, 0, headers, 6, retryHeaders.length);
		return http.post("/chat/slack/events", body, headers);
	}

	private static GatewayHttp.Response push(GatewayHttp http, String body, String... headers) {
		String[] all = new String[headers.length + 4];
		all[0] = "Content-Type";
		all[1] = "application/json";
		all[2] = "Authorization";
		all[3] = "Bearer " + RELAY_TOKEN;
		System.arraycopy(headers, 0, all, 4, headers.length);
		return http.post(NOTIFICATIONS, body, all);
	}

	private static String uniqueNotification() {
		return new String(fixture("notification.json"), StandardCharsets.UTF_8).replace("completed.",
				"completed (" + UUID.randomUUID() + ").");
	}

	private static byte[] fixture(String name) {
		String path = name.startsWith("/") ? name : "/state/" + name;
		try (InputStream in = RedisStateIntegrationTests.class.getResourceAsStream(path)) {
			assertThat(in).as(path).isNotNull();
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
