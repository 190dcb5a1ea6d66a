package io.github.st2chatops.gateway.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.st2chatops.gateway.support.GatewayHttp;
import io.github.st2chatops.gateway.support.RedisReplicas;
import io.github.st2chatops.gateway.support.St2WireMock;
import io.github.st2chatops.gateway.support.StubServer;

import org.springframework.data.redis.core.StringRedisTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
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

	@RegisterExtension
	static final StubServer st2 = StubServer.st2();

	@RegisterExtension
	static final StubServer callback = StubServer.serving("gateway.chat.generic.callback-url", "/callback");

	@RegisterExtension
	static final RedisReplicas replicas = new RedisReplicas();

	static final String API_TOKEN = "ci-secret-token-for-rate-limits-0001";

	static final String TOO_FAST = "You're running commands too fast";

	@BeforeAll
	static void startReplicas() {
		callback.stubFor(post("/callback").willReturn(ok()));
		ReplicaFixtures.startOnSampleCatalog(replicas, List.of(st2, callback), "--gateway.rate-limit.per-user=3/1m",
				"--gateway.api.keys.ci.token=" + API_TOKEN, "--gateway.api.keys.ci.user=ci-bot",
				"--gateway.rate-limit.per-channel=5/1m",
				"--resilience4j.circuitbreaker.instances.state.wait-duration-in-open-state=300ms");
	}

	@Test
	void userLimitShouldBeSharedAcrossReplicas() {
		String user = "user-" + UUID.randomUUID();
		// per-user=3/1m: three commands split across both replicas run, the fourth is
		// refused on either
		GatewayHttp[] order = { replicas.httpA(), replicas.httpB(), replicas.httpA(), replicas.httpB() };
		for (int i = 0; i < order.length; i++) {
			assertThat(sendGeneric(order[i], user, "channel-" + i).status()).isEqualTo(202);
			int replies = i + 1;
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(callbackBodies()).hasSize(replies));
		}

		List<String> replies = callbackBodies();
		assertThat(replies.subList(0, 3)).noneMatch((body) -> body.contains(TOO_FAST));
		assertThat(replies.get(3)).as("the fourth command, on replica B").contains(TOO_FAST).contains("Nothing ran");
		st2.verify(3, postRequestedFor(urlEqualTo(St2WireMock.ALIAS_EXECUTION_PATH)));
		// the window is in Redis, and ends when the period does
		StringRedisTemplate template = replicas.a().getBean(StringRedisTemplate.class);
		String key = replicas.keyPrefix() + "ratelimit:user:generic:" + user;
		assertThat(template.opsForValue().get(key)).isEqualTo("4");
		assertThat(template.getExpire(key, TimeUnit.MILLISECONDS)).isPositive().isLessThanOrEqualTo(60_000);
	}

	@Test
	void channelLimitShouldBeSharedAcrossReplicas() {
		String channel = "channel-" + UUID.randomUUID();
		// per-channel=5/1m: five users in one channel run, the sixth is refused
		for (int i = 0; i < 6; i++) {
			GatewayHttp http = (i % 2 == 0) ? replicas.httpA() : replicas.httpB();
			assertThat(sendGeneric(http, "user-" + UUID.randomUUID(), channel).status()).isEqualTo(202);
			int replies = i + 1;
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(callbackBodies()).hasSize(replies));
		}

		List<String> replies = callbackBodies();
		assertThat(replies.subList(0, 5)).noneMatch((body) -> body.contains(TOO_FAST));
		assertThat(replies.get(5)).contains(TOO_FAST);
		st2.verify(5, postRequestedFor(urlEqualTo(St2WireMock.ALIAS_EXECUTION_PATH)));
	}

	@Test
	void windowShouldEndAndCountAgain() {
		RateCounter counter = replicas.a().getBean(RateCounter.class);
		RateCounter other = replicas.b().getBean(RateCounter.class);
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
		replicas.stopRedis();

		long started = System.nanoTime();
		// each replica now counts on its own: three run on A, the fourth on A is refused
		for (int i = 0; i < 3; i++) {
			GatewayHttp.Response ran = runByApi(replicas.httpA());
			assertThat(ran.status()).isEqualTo(200);
			assertThat(ran.json()).containsEntry("outcome", "executed");
		}
		GatewayHttp.Response refused = runByApi(replicas.httpA());
		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.json().get("reply").toString()).contains(TOO_FAST).contains("Nothing ran");
		// B never saw this key: its own count starts afresh
		assertThat(runByApi(replicas.httpB()).json()).containsEntry("outcome", "executed");
		st2.verify(4, postRequestedFor(urlEqualTo(St2WireMock.ALIAS_EXECUTION_PATH)));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("a dead Redis costs little latency")
			.isLessThan(Duration.ofSeconds(10));
		// the counter itself reports the outage; the limiter caught it
		assertThatCode(() -> replicas.a().getBean(RateCounter.class).hit("user:x", 1, Duration.ofSeconds(1)))
			.isInstanceOf(StateUnavailableException.class);

		// Redis back: counting is shared again (the key's window starts afresh in Redis)
		replicas.startRedis();
		await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
			replicas.a().getBean(RateCounter.class).hit("user:probe-" + UUID.randomUUID(), 1, Duration.ofSeconds(1));
			return true;
		});
		st2.resetRequests();
		String key = replicas.keyPrefix() + "ratelimit:user:api:ci";
		assertThat(runByApi(replicas.httpB()).json()).containsEntry("outcome", "executed");
		assertThat(replicas.b().getBean(StringRedisTemplate.class).opsForValue().get(key)).isEqualTo("1");
	}

	private static GatewayHttp.Response runByApi(GatewayHttp http) {
		return http.command(API_TOKEN, "deploy web to prod");
	}

	private static List<String> callbackBodies() {
		return ReplicaFixtures.postedBodies(callback, "/callback");
	}

	private static GatewayHttp.Response sendGeneric(GatewayHttp http, String user, String channel) {
		byte[] body = ReplicaFixtures.fixtureText("generic-message.json")
			.replace("\"ci-bot\"", "\"" + user + "\"")
			.replace("\"builds\"", "\"" + channel + "\"")
			.replace("build-4711", UUID.randomUUID().toString())
			.getBytes(StandardCharsets.UTF_8);
		return ReplicaFixtures.sendGeneric(http, body, Long.toString(Instant.now().getEpochSecond()));
	}

}
