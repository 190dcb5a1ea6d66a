package io.github.st2chatops.gateway.relay;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.st2chatops.gateway.support.St2WireMock;
import io.github.st2chatops.gateway.support.StubServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The stream follower against a WireMock st2 that behaves like st2's stream service: a
 * real {@code text/event-stream} body with blank heartbeats, a connection that ends, one
 * that is reset (the JDK client tries a reset GET once more by itself), a 401 once the
 * token has expired, then a connection that goes quiet.
 */
@St2StreamTest
@TestPropertySource(properties = { "gateway.st2.username=chatops_bot", "gateway.st2.password=Ch@ngeMe-s3cr3t",
		"gateway.relay.stream.idle-timeout=1s" })
@Import(St2StreamFollowerIntegrationTests.AliasEventsConfiguration.class)
class St2StreamFollowerIntegrationTests {

	static final String TOKEN_1 = "866218ad67e141e4aaddbbb92964e67e";

	static final String TOKEN_2 = "b99d3f74a16e471992f2a10935637916";

	@RegisterExtension
	static final StubServer st2 = StubServer.st2();

	@RegisterExtension
	static final StubServer chat = StubServer.serving("test.chat.url", "");

	// in place before the context (and the follower) starts
	@BeforeAll
	static void st2BehavesLikeItsStreamService() {
		Instant expiry = Instant.now().plus(Duration.ofHours(24));
		st2.stubFor(post("/auth/v1/tokens").inScenario("tokens")
			.whenScenarioStateIs(STARTED)
			.willReturn(St2WireMock.token(TOKEN_1, expiry))
			.willSetStateTo("renewed"));
		st2.stubFor(post("/auth/v1/tokens").inScenario("tokens")
			.whenScenarioStateIs("renewed")
			.willReturn(St2WireMock.token(TOKEN_2, expiry)));

		st2.stubFor(get(urlPathEqualTo(St2WireMock.STREAM_PATH)).inScenario("stream")
			.whenScenarioStateIs(STARTED)
			.withHeader("X-Auth-Token", equalTo(TOKEN_1))
			.willReturn(
					St2WireMock.eventStream(NotificationPushIntegrationTests.fixture("stream-first-connection.txt")))
			.willSetStateTo("reset"));
		st2.stubFor(get(urlPathEqualTo(St2WireMock.STREAM_PATH)).inScenario("stream")
			.whenScenarioStateIs("reset")
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
			.willSetStateTo("expired"));
		st2.stubFor(get(urlPathEqualTo(St2WireMock.STREAM_PATH)).inScenario("stream")
			.whenScenarioStateIs("expired")
			.withHeader("X-Auth-Token", equalTo(TOKEN_1))
			.willReturn(St2WireMock.tokenExpired()));
		st2.stubFor(get(urlPathEqualTo(St2WireMock.STREAM_PATH)).inScenario("stream")
			.whenScenarioStateIs("expired")
			.withHeader("X-Auth-Token", equalTo(TOKEN_2))
			.willReturn(St2WireMock.eventStream(NotificationPushIntegrationTests.fixture("stream-after-renewal.txt")))
			.willSetStateTo("quiet"));
		// a heartbeat, then nothing for longer than the idle timeout
		st2.stubFor(get(urlPathEqualTo(St2WireMock.STREAM_PATH)).inScenario("stream")
			.whenScenarioStateIs("quiet")
			.willReturn(St2WireMock.eventStream("\n\n").withChunkedDribbleDelay(2, 2500)));

		st2.stubFor(get(urlPathEqualTo("/api/v1/actionalias")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withHeader("X-Total-Count", "0")
			.withBody("[]")));

		chat.stubFor(post("/messages").willReturn(aResponse().withStatus(200)));
		// chat is rate limited for longer than the delivery bound when the second
		// announcement arrives: the stream has no retry, the follower tries again itself
		chat.stubFor(post("/messages").inScenario("rate limited")
			.whenScenarioStateIs(STARTED)
			.withRequestBody(matchingJsonPath("$.channel", equalTo("C0G9QF9GW")))
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30"))
			.willSetStateTo("recovered"));
		chat.stubFor(post("/messages").inScenario("rate limited")
			.whenScenarioStateIs("recovered")
			.withRequestBody(matchingJsonPath("$.channel", equalTo("C0G9QF9GW")))
			.willReturn(aResponse().withStatus(200)));
	}

	@Autowired
	St2StreamFollower follower;

	@Autowired
	AliasEvents aliasEvents;

	@Autowired
	MeterRegistry meterRegistry;

	@Test
	void followerShouldRelayAnnouncementsOnceRefreshAliasesAndSurviveDropsA401AndSilence() {
		// both announcements relayed, in order; the first one, sent again after the
		// reconnect, is not posted twice; the second one is tried again after chat's 429
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> chat.verify(3, postRequestedFor(urlEqualTo("/messages"))));
		// chat has the third post a moment before the relay counts it
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(relayed("delivered")).isEqualTo(2);
			assertThat(relayed("duplicate")).isEqualTo(1);
			assertThat(relayed("failed")).isEqualTo(1);
		});
		List<LoggedRequest> posts = chat.findAll(postRequestedFor(urlEqualTo("/messages")));
		assertThat(posts.get(0).getBodyAsString()).contains("\"channel\":\"C024BE91L\"")
			.contains("\"thread\":\"1700000000.000100\"")
			.contains("Action core.local completed.");
		chat.verify(postRequestedFor(urlEqualTo("/messages"))
			.withRequestBody(matchingJsonPath("$.channel", equalTo("C0G9QF9GW")))
			.withRequestBody(matchingJsonPath("$.text", equalTo("Packs installed\nst2 : 3.9.0")))
			.withRequestBody(matchingJsonPath("$.extra.testchat.color", equalTo("good"))));

		assertThat(this.aliasEvents.received).containsExactly("st2.actionalias__update");
		// the catalog was synced at start, and again at once for the alias change
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(
					() -> st2.verify(moreThanOrExactly(2), getRequestedFor(urlPathEqualTo("/api/v1/actionalias"))));

		// one renewal after the 401, no loop: token 1 for the first connection, the reset
		// one and the 401; token 2 from then on
		st2.verify(2, postRequestedFor(urlEqualTo("/auth/v1/tokens")));
		st2.verify(3,
				getRequestedFor(urlPathEqualTo(St2WireMock.STREAM_PATH)).withHeader("X-Auth-Token", equalTo(TOKEN_1)));

		// silence beyond the idle timeout ends the connection, and it reconnects
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			StreamStatus status = this.follower.status();
			return status.reconnects() >= 5 && status.lastError() != null
					&& status.lastError().startsWith("nothing arrived");
		});
		// the credential is only ever in a header
		for (LoggedRequest request : st2.findAll(getRequestedFor(urlPathEqualTo(St2WireMock.STREAM_PATH)))) {
			assertThat(request.getUrl()).isEqualTo(St2WireMock.STREAM_PATH + "?events=" + St2WireMock.STREAM_EVENTS);
			assertThat(request.getHeader("Accept")).isEqualTo("text/event-stream");
		}
		StreamStatus status = this.follower.status();
		assertThat(status.leader()).isTrue();
		assertThat(status.lastEventAt()).isNotNull();

		// stops promptly, even while a read is blocked on a quiet connection
		await().atMost(Duration.ofSeconds(5)).until(() -> this.follower.status().connected());
		long started = System.nanoTime();
		this.follower.stop();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
		assertThat(this.follower.isRunning()).isFalse();
		assertThat(this.follower.status().connected()).isFalse();
		assertThat(this.follower.status().leader()).isFalse();
	}

	static class AliasEvents implements AliasChangeListener {

		final List<String> received = new CopyOnWriteArrayList<>();

		@Override
		public void aliasChanged(String event) {
			this.received.add(event);
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class AliasEventsConfiguration {

		@Bean
		AliasEvents aliasEvents() {
			return new AliasEvents();
		}

	}

	private double relayed(String outcome) {
		return this.meterRegistry
			.counter("gateway.relay.notifications", "source", "stream", "platform", TestChatSender.PLATFORM, "outcome",
					outcome)
			.count();
	}

}
