package io.github.st2chatops.gateway.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

import io.github.st2chatops.gateway.GatewayApplication;
import io.github.st2chatops.gateway.alias.AliasCatalogSynchronizer;
import io.github.st2chatops.gateway.chat.HmacSha256;
import io.github.st2chatops.gateway.support.GatewayHttp;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

/**
 * Rate limits on two replicas sharing one real Redis (a redis-server on a random port, no
 * Docker), WireMock as st2 and as the generic webhook's callback: a user's commands count
 * the same whichever replica they reach, and a dead Redis leaves each replica counting on
 * its own.
 */
class RedisRateLimitIntegrationTests {

	static final String SECRET = "generic-secret-for-rate-limit-tests-01";

	static final String KEY_PREFIX = "test-" + UUID.randomUUID() + ":";

	static final String API_TOKEN = "ci-secret-token-for-rate-limits-0001";

	static final String TOO_FAST = "You're running commands too fast";

	static final String EXECUTIONS = "/api/v1/aliasexecution";

	static int redisPort;

	static RedisServer redis;

	static final WireMockServer st2 = new WireMockServer(options().dynamicPort());

	static final WireMockServer callback = new WireMockServer(options().dynamicPort());

	static ConfigurableApplicationContext replicaA;

	static ConfigurableApplicationContext replicaB;

	static GatewayHttp httpA;

	static GatewayHttp httpB;

	@BeforeAll
	static void startReplicas() throws IOException {
		redisPort = freePort();
		redis = new RedisServer(redisPort);
		redis.start();
		st2.start();
		callback.start();
		stubSt2();
		replicaA = startReplica();
		replicaB = startReplica();
		httpA = new GatewayHttp(port(replicaA));
		httpB = new GatewayHttp(port(replicaB));
	}

	@AfterAll
	static void stopReplicas() throws IOException {
		for (ConfigurableApplicationContext replica : new ConfigurableApplicationContext[] { replicaA, replicaB }) {
			if (replica != null) {
				replica.close();
			}
		}
		st2.stop();
		callback.stop();
		if (redis != null && redis.isActive()) {
			redis.stop();
		}
	}

	@BeforeEach
	void reset() throws IOException {
		if (!redis.isActive()) {
			redis.start();
		}
		st2.resetRequests();
		callback.resetAll();
		callback.stubFor(post("/callback").willReturn(ok()));
		for (ConfigurableApplicationContext replica : List.of(replicaA, replicaB)) {
			replica.getBean(CircuitBreakerRegistry.class).circuitBreaker("state").reset();
		}
	}

	@Test
	void userLimitShouldBeSharedAcrossReplicas() {
		String user = "user-" + UUID.randomUUID();
		// per-user=3/1m: three commands split across both replicas run, the fourth is
		// refused on either
		GatewayHttp[] order = { httpA, httpB, httpA, httpB };
		for (int i = 0; i < order.length; i++) {
			assertThat(sendGeneric(order[i], user, "channel-" + i).status()).isEqualTo(202);
			int replies = i + 1;
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(callbackBodies()).hasSize(replies));
		}

		List<String> replies = callbackBodies();
		assertThat(replies.subList(0, 3)).noneMatch((body) -> body.contains(TOO_FAST));
		assertThat(replies.get(3)).as("the fourth command, on replica B").contains(TOO_FAST).contains("Nothing ran");
		st2.verify(3, postRequestedFor(urlEqualTo(EXECUTIONS)));
		// the window is in Redis, and ends when the period does
		StringRedisTemplate template = replicaA.getBean(StringRedisTemplate.class);
		String key = KEY_PREFIX + "ratelimit:user:generic:" + user;
		assertThat(template.opsForValue().get(key)).isEqualTo("4");
		assertThat(template.getExpire(key, TimeUnit.MILLISECONDS)).isPositive().isLessThanOrEqualTo(60_000);
	}

	@Test
	void channelLimitShouldBeSharedAcrossReplicas() {
		String channel = "channel-" + UUID.randomUUID();
		// per-channel=5/1m: five users in one channel run, the sixth is refused
		for (int i = 0; i < 6; i++) {
			GatewayHttp http = (i % 2 == 0) ? httpA : httpB;
			assertThat(sendGeneric(http, "user-" + UUID.randomUUID(), channel).status()).isEqualTo(202);
			int replies = i + 1;
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(callbackBodies()).hasSize(replies));
		}

		List<String> replies = callbackBodies();
		assertThat(replies.subList(0, 5)).noneMatch((body) -> body.contains(TOO_FAST));
		assertThat(replies.get(5)).contains(TOO_FAST);
		st2.verify(5, postRequestedFor(urlEqualTo(EXECUTIONS)));
	}

	@Test
	void windowShouldEndAndCountAgain() {
		RateCounter counter = replicaA.getBean(RateCounter.class);
		RateCounter other = replicaB.getBean(RateCounter.class);
		String bucket = "user:window-" + UUID.randomUUID();
		Duration window = Duration.ofMillis(600);

		assertThat(counter.hit(bucket, 2, window)).isEmpty();
		assertThat(other.hit(bucket, 2, window)).isEmpty();
		Optional<Duration> wait = counter.hit(bucket, 2, window);
		assertThat(wait).isPresent();
		assertThat(wait.get()).isPositive().isLessThanOrEqualTo(window);
		await().atMost(Duration.ofSeconds(3))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> other.hit(bucket, 2, window).isEmpty());
	}

	@Test
	void deadRedisShouldFallBackToEachReplicasOwnLimits() throws IOException {
		// the REST API goes on without Redis (chat webhooks need a claim and are
		// refused); its requester is the API key, limited per-user=3/1m
		redis.stop();

		long started = System.nanoTime();
		// each replica now counts on its own: three run on A, the fourth on A is refused
		for (int i = 0; i < 3; i++) {
			GatewayHttp.Response ran = runByApi(httpA);
			assertThat(ran.status()).isEqualTo(200);
			assertThat(ran.json()).containsEntry("outcome", "executed");
		}
		GatewayHttp.Response refused = runByApi(httpA);
		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.json().get("reply").toString()).contains(TOO_FAST).contains("Nothing ran");
		// B never saw this key: its own count starts afresh
		assertThat(runByApi(httpB).json()).containsEntry("outcome", "executed");
		st2.verify(4, postRequestedFor(urlEqualTo(EXECUTIONS)));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("a dead Redis costs little latency")
			.isLessThan(Duration.ofSeconds(10));
		// the counter itself reports the outage; the limiter caught it
		assertThatCode(() -> replicaA.getBean(RateCounter.class).hit("user:x", 1, Duration.ofSeconds(1)))
			.isInstanceOf(StateUnavailableException.class);

		// Redis back: counting is shared again (the key's window starts afresh in Redis)
		redis.start();
		await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
			replicaA.getBean(RateCounter.class).hit("user:probe-" + UUID.randomUUID(), 1, Duration.ofSeconds(1));
			return true;
		});
		st2.resetRequests();
		String key = KEY_PREFIX + "ratelimit:user:api:ci";
		assertThat(runByApi(httpB).json()).containsEntry("outcome", "executed");
		assertThat(replicaB.getBean(StringRedisTemplate.class).opsForValue().get(key)).isEqualTo("1");
	}

	private static GatewayHttp.Response runByApi(GatewayHttp http) {
		return http.postJson("/api/v1/commands", API_TOKEN, """
				{"text": "deploy web to prod"}""");
	}

	private static ConfigurableApplicationContext startReplica() {
		// command-line arguments: they win over application.yaml, as on a real replica
		ConfigurableApplicationContext context = new SpringApplicationBuilder(GatewayApplication.class).run(
				"--server.port=0", "--spring.main.banner-mode=off", "--gateway.state.store=redis",
				"--gateway.state.key-prefix=" + KEY_PREFIX, "--spring.data.redis.url=redis://localhost:" + redisPort,
				"--gateway.st2.url=" + st2.baseUrl(), "--gateway.st2.api-key=st2-test-api-key",
				"--gateway.catalog.refresh-interval=1h", "--gateway.chat.generic.secret=" + SECRET,
				"--gateway.chat.generic.callback-url=" + callback.baseUrl() + "/callback",
				"--gateway.rate-limit.per-user=3/1m", "--gateway.api.keys.ci.token=" + API_TOKEN,
				"--gateway.api.keys.ci.user=ci-bot", "--gateway.rate-limit.per-channel=5/1m",
				"--resilience4j.circuitbreaker.instances.state.wait-duration-in-open-state=300ms");
		assertThat(context.getBean(AliasCatalogSynchronizer.class).sync()).isTrue();
		return context;
	}

	private static void stubSt2() {
		st2.stubFor(get(urlPathEqualTo("/api/v1/actionalias"))
			.willReturn(okJson(new String(fixture("/command/aliases.json"), StandardCharsets.UTF_8))
				.withHeader("X-Total-Count", "6")
				.withHeader("X-Limit", "100")));
		String execution = """
				{"execution": {"id": "5f1a7e2b9c1d4a0001e0e002", "status": "requested",
				 "action": {"ref": "ops.deploy_app"}, "parameters": {"app": "web", "env": "prod"},
				 "context": {"user": "ci-bot"}, "start_timestamp": "2026-11-24T10:00:00.000000Z"},
				 "actionalias": {"name": "deploy", "pack": "ops"}, "message": "Deploying web"}""";
		st2.stubFor(post(urlEqualTo(EXECUTIONS)).willReturn(
				aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(execution)));
	}

	private static List<String> callbackBodies() {
		return callback.findAll(postRequestedFor(urlEqualTo("/callback")))
			.stream()
			.map(LoggedRequest::getBodyAsString)
			.toList();
	}

	private static GatewayHttp.Response sendGeneric(GatewayHttp http, String user, String channel) {
		byte[] body = new String(fixture("generic-message.json"), StandardCharsets.UTF_8)
			.replace("\"ci-bot\"", "\"" + user + "\"")
			.replace("\"builds\"", "\"" + channel + "\"")
			.replace("build-4711", UUID.randomUUID().toString())
			.getBytes(StandardCharsets.UTF_8);
		String timestamp = Long.toString(Instant.now().getEpochSecond());
		String signature = "sha256=" + HmacSha256.signHex(SECRET.getBytes(StandardCharsets.UTF_8),
				(timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
		return http.postBytes("/chat/generic", body, "Content-Type", "application/json", "X-Gateway-Timestamp",
				timestamp, "X-Gateway-Signature", signature);
	}

	private static byte[] fixture(String name) {
		String path = name.startsWith("/") ? name : "/state/" + name;
		try (InputStream in = RedisRateLimitIntegrationTests.class.getResourceAsStream(path)) {
			assertThat(in).as(path).isNotNull();
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
