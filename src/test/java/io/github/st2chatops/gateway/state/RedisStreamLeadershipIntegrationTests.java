package io.github.st2chatops.gateway.state;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.st2chatops.gateway.relay.St2StreamFollower;
import io.github.st2chatops.gateway.support.RedisReplicas;
import io.github.st2chatops.gateway.support.St2WireMock;
import io.github.st2chatops.gateway.support.StubServer;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas with the stream follower on, sharing one real Redis: only the holder of
 * the stream lock connects to st2's stream, and when it stops the other connects within
 * the lock's TTL.
 */
class RedisStreamLeadershipIntegrationTests {

	static final Duration LOCK_TTL = Duration.ofSeconds(2);

	@RegisterExtension
	static final StubServer st2 = StubServer.st2();

	@RegisterExtension
	static final RedisReplicas replicas = new RedisReplicas();

	@BeforeAll
	static void startReplicas() {
		St2WireMock.stubSampleCatalog(st2);
		// st2's stream as its documented text/event-stream: heartbeat comments, sent a
		// line at a time so the connection stays open
		String heartbeat = ":" + "-".repeat(200) + "\n";
		st2.stubFor(get(urlPathEqualTo(St2WireMock.STREAM_PATH))
			.willReturn(St2WireMock.eventStream(heartbeat.repeat(60)).withChunkedDribbleDelay(60, 30000)));
		replicas.start(List.of(st2), "--gateway.relay.stream.enabled=true",
				"--gateway.relay.stream.lock-ttl=" + LOCK_TTL.toMillis() + "ms",
				"--gateway.relay.stream.initial-backoff=50ms", "--gateway.relay.stream.max-backoff=200ms",
				"--gateway.relay.stream.idle-timeout=5s");
	}

	@Test
	void onlyTheLockHolderShouldFollowTheStreamAndTheOtherShouldTakeOverWhenItStops() {
		St2StreamFollower a = replicas.a().getBean(St2StreamFollower.class);
		St2StreamFollower b = replicas.b().getBean(St2StreamFollower.class);

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

		(aLeads ? replicas.a() : replicas.b()).close();

		long stopped = System.nanoTime();
		await().atMost(LOCK_TTL.plusSeconds(3))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> other.status().connected());
		assertThat(Duration.ofNanos(System.nanoTime() - stopped)).as("taken over within the lock's TTL (and a margin)")
			.isLessThan(LOCK_TTL.plusSeconds(2));
		assertThat(other.status().leader()).isTrue();
	}

}
