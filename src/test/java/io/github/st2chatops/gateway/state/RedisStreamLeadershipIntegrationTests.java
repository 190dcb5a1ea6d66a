package io.github.st2chatops.gateway.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

import io.github.st2chatops.gateway.GatewayApplication;
import io.github.st2chatops.gateway.relay.St2StreamFollower;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas with the stream follower on, sharing one real Redis: only the holder of
 * the stream lock connects to st2's stream, and when it stops the other connects within
 * the lock's TTL.
 */
class RedisStreamLeadershipIntegrationTests {

	static final String STREAM_PATH = "/stream/v1/stream";

	static final Duration LOCK_TTL = Duration.ofSeconds(2);

	static int redisPort;

	static RedisServer redis;

	static final WireMockServer st2 = new WireMockServer(options().dynamicPort());

	static ConfigurableApplicationContext replicaA;

	static ConfigurableApplicationContext replicaB;

	@BeforeAll
	static void startReplicas() throws IOException {
		redisPort = freePort();
		redis = new RedisServer(redisPort);
		redis.start();
		st2.start();
		st2.stubFor(get(urlPathEqualTo("/api/v1/actionalias"))
			.willReturn(okJson(new String(fixture("/command/aliases.json"), StandardCharsets.UTF_8))
				.withHeader("X-Total-Count", "6")
				.withHeader("X-Limit", "100")));
		// st2's stream as its documented text/event-stream: heartbeat comments, sent a
		// line at a time so the connection stays open
		String heartbeat = ":" + "-".repeat(200) + "\n";
		st2.stubFor(get(urlPathEqualTo(STREAM_PATH)).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "text/event-stream; charset=UTF-8")
			.withHeader("Cache-Control", "no-cache")
			.withBody(heartbeat.repeat(60))
			.withChunkedDribbleDelay(60, 30000)));
		String keyPrefix = "test-" + UUID.randomUUID() + ":";
		replicaA = startReplica(keyPrefix);
		replicaB = startReplica(keyPrefix);
	}

	@AfterAll
	static void stopReplicas() throws IOException {
		for (ConfigurableApplicationContext replica : new ConfigurableApplicationContext[] { replicaA, replicaB }) {
			if (replica != null && replica.isActive()) {
				replica.close();
			}
		}
		st2.stop();
		if (redis != null && redis.isActive()) {
			redis.stop();
		}
	}

	@Test
	void onlyTheLockHolderShouldFollowTheStreamAndTheOtherShouldTakeOverWhenItStops() {
		St2StreamFollower a = replicaA.getBean(St2StreamFollower.class);
		St2StreamFollower b = replicaB.getBean(St2StreamFollower.class);

		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> a.status().connected() || b.status().connected());
		// exactly one connects, and it stays that way over several renewals
		await().during(LOCK_TTL.multipliedBy(2))
			.atMost(LOCK_TTL.multipliedBy(3))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> a.status().connected() != b.status().connected());
		boolean aLeads = a.status().connected();
		St2StreamFollower leader = aLeads ? a : b;
		St2StreamFollower other = aLeads ? b : a;
		assertThat(leader.status().leader()).isTrue();
		assertThat(other.status().leader()).isFalse();

		(aLeads ? replicaA : replicaB).close();

		long stopped = System.nanoTime();
		await().atMost(LOCK_TTL.plusSeconds(3))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> other.status().connected());
		assertThat(Duration.ofNanos(System.nanoTime() - stopped)).as("taken over within the lock's TTL (and a margin)")
			.isLessThan(LOCK_TTL.plusSeconds(2));
		assertThat(other.status().leader()).isTrue();
	}

	private static ConfigurableApplicationContext startReplica(String keyPrefix) {
		return new SpringApplicationBuilder(GatewayApplication.class).run("--server.port=0",
				"--spring.main.banner-mode=off", "--gateway.state.store=redis",
				"--gateway.state.key-prefix=" + keyPrefix, "--spring.data.redis.url=redis://localhost:" + redisPort,
				"--gateway.st2.url=" + st2.baseUrl(), "--gateway.st2.api-key=st2-test-api-key",
				"--gateway.catalog.refresh-interval=1h", "--gateway.relay.stream.enabled=true",
				"--gateway.relay.stream.lock-ttl=" + LOCK_TTL.toMillis() + "ms",
				"--gateway.relay.stream.initial-backoff=50ms", "--gateway.relay.stream.max-backoff=200ms",
				"--gateway.relay.stream.idle-timeout=5s");
	}

	private static byte[] fixture(String name) {
		try (InputStream in = RedisStreamLeadershipIntegrationTests.class.getResourceAsStream(name)) {
			assertThat(in).as(name).isNotNull();
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
