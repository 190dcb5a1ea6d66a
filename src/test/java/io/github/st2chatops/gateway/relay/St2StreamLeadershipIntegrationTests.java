package io.github.st2chatops.gateway.relay;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.st2chatops.gateway.state.LeaderLock;
import io.github.st2chatops.gateway.support.St2WireMock;
import io.github.st2chatops.gateway.support.StubServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.context.annotation.Primary;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Only the replica that holds the stream lock follows st2's stream: it stands by while
 * another replica holds the lock, takes over when the lock comes free, and lets go of the
 * connection promptly when the lock goes to another replica.
 */
@St2StreamTest
@TestPropertySource(properties = { "gateway.st2.api-key=ZmE3YjM0NDk5NmI1NGM1NWI3NWI4ZTI3MTQ3YzUxYjQ",
		"gateway.relay.stream.idle-timeout=3s" })
@Import(St2StreamLeadershipIntegrationTests.ContestedLockConfiguration.class)
class St2StreamLeadershipIntegrationTests {

	@RegisterExtension
	static final StubServer st2 = StubServer.st2();

	@RegisterExtension
	static final StubServer chat = StubServer.serving("test.chat.url", "");

	@BeforeAll
	static void st2SendsAnAnnouncementThenHeartbeats() {
		StringBuilder body = new StringBuilder("\nevent: st2.announcement__chatops-gateway\n"
				+ "data: {\"payload\": {\"message\": \"Action core.local completed.\", \"channel\": \"testchat:C0G9QF9GW\", "
				+ "\"user\": \"alice\", \"whisper\": false, \"extra\": {}}, \"trace_context\": null}\n\n");
		int lineLength = body.length();
		for (int i = 0; i < 30; i++) {
			// heartbeats padded to the length of the event, so that WireMock's dribble
			// sends about one line per chunk
			body.append(":").append("-".repeat(lineLength - 2)).append("\n");
		}
		st2.stubFor(get(urlPathEqualTo(St2WireMock.STREAM_PATH))
			.willReturn(St2WireMock.eventStream(body.toString()).withChunkedDribbleDelay(31, 15000)));
		chat.stubFor(post("/messages").willReturn(aResponse().withStatus(200)));
	}

	@Autowired
	ContestedLock lock;

	@Autowired
	St2StreamFollower follower;

	@Autowired
	St2StreamHealthIndicator health;

	@Test
	void followerShouldFollowOnlyWhileItHoldsTheLock() {
		// another replica holds the lock: stand by, do not connect
		int asked = this.lock.asks.get();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.lock.asks.get() >= asked + 3);
		st2.verify(0, getRequestedFor(urlPathEqualTo(St2WireMock.STREAM_PATH)));
		assertThat(this.follower.status().leader()).isFalse();
		Health standby = this.health.health(true);
		assertThat(standby.getStatus()).isEqualTo(Status.UP);
		assertThat(standby.getDetails()).containsEntry("role", "standby");

		// the lock comes free: take over, follow, relay
		this.lock.otherReplicaHolds = false;
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> chat.verify(1, postRequestedFor(urlEqualTo("/messages"))));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.follower.status().connected());
		Health following = this.health.health(true);
		assertThat(following.getStatus()).isEqualTo(Status.UP);
		assertThat(following.getDetails()).containsEntry("role", "following").containsEntry("connected", true);

		// the lock goes to another replica: let the connection go within a renewal period
		Instant lost = Instant.now();
		this.lock.otherReplicaHolds = true;
		await().atMost(Duration.ofSeconds(2)).until(() -> !this.follower.status().connected());
		assertThat(Duration.between(lost, Instant.now())).isLessThan(Duration.ofSeconds(2));
		assertThat(this.follower.status().leader()).isFalse();
		int connections = st2.findAll(getRequestedFor(urlPathEqualTo(St2WireMock.STREAM_PATH))).size();
		int askedAfter = this.lock.asks.get();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.lock.asks.get() >= askedAfter + 3);
		st2.verify(connections, getRequestedFor(urlPathEqualTo(St2WireMock.STREAM_PATH)));
		chat.verify(1, postRequestedFor(urlEqualTo("/messages")));
	}

	/**
	 * A lock another replica may hold, as the Redis lock behaves: taken by whoever asks
	 * while it is free, lost when another replica has it.
	 */
	static class ContestedLock implements LeaderLock {

		volatile boolean otherReplicaHolds = true;

		final AtomicInteger asks = new AtomicInteger();

		private volatile boolean held;

		@Override
		public boolean acquireOrRenew(String name, Duration ttl) {
			this.asks.incrementAndGet();
			this.held = !this.otherReplicaHolds;
			return this.held;
		}

		@Override
		public boolean isHeld(String name) {
			return this.held && !this.otherReplicaHolds;
		}

		@Override
		public void release(String name) {
			this.held = false;
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ContestedLockConfiguration {

		@Bean
		@Primary
		ContestedLock contestedLock() {
			return new ContestedLock();
		}

	}

}
