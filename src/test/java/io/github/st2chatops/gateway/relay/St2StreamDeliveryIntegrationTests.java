package io.github.st2chatops.gateway.relay;

import java.time.Duration;
import java.util.Collection;

import io.github.st2chatops.gateway.support.St2WireMock;
import io.github.st2chatops.gateway.support.StubServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault probe's stream cases, counted: one connection carries frames st2 never sends
 * but the standard allows (data only, comments, data over several lines, CRLF, id and
 * retry) and a broken announcement, then 30 results for three channels. One channel's
 * chat answers 503 to every post (as a Teams webhook did), one is slow. The healthy
 * channel gets its results while the failing one retries; then the context closes (what
 * SIGTERM does) with a backlog, and every result is either posted or reported dropped.
 */
@St2StreamTest
@TestPropertySource(properties = { "gateway.st2.api-key=ZmE3YjM0NDk5NmI1NGM1NWI3NWI4ZTI3MTQ3YzUxYjQ",
		"gateway.relay.stream.idle-timeout=30s", "gateway.relay.stream.redeliveries=1000",
		"gateway.relay.stream.delivery-concurrency=3",
		"spring.lifecycle.timeout-per-shutdown-phase=" + St2StreamDeliveryIntegrationTests.SHUTDOWN_SECONDS + "s" })
class St2StreamDeliveryIntegrationTests {

	static final int PER_CHANNEL = 10;

	static final int SHUTDOWN_SECONDS = 3;

	static final Duration SHUTDOWN_PHASE = Duration.ofSeconds(SHUTDOWN_SECONDS);

	@RegisterExtension
	static final StubServer st2 = StubServer.st2();

	@RegisterExtension
	static final StubServer chat = StubServer.serving(options().containerThreads(40), "test.chat.url", "");

	@BeforeAll
	static void st2AnnouncesResultsForThreeChannels() {
		StringBuilder body = new StringBuilder("\n");
		// a frame without an event line: type "message", ignored (it killed the
		// connection before)
		body.append("data: {\"payload\": {\"message\": \"not an announcement\"}}\n\n");
		body.append(": a comment st2 never sends\n");
		for (int i = 0; i < PER_CHANNEL; i++) {
			body.append(announcement("C0FAILING", i));
		}
		for (int i = 0; i < PER_CHANNEL; i++) {
			if (i == 3) {
				body.append("event: st2.announcement__chatops-gateway\ndata: {not json\n\n");
			}
			if (i % 2 == 0) {
				body.append(announcement("C0HEALTHY", i));
			}
			else {
				// the same JSON over several data lines, CRLF line ends, an id and a
				// retry
				body.append("id: healthy-" + i + "\r\nretry: 100\r\nevent: st2.announcement__chatops-gateway\r\n"
						+ "data: {\"payload\":\r\ndata: {\"message\": \"result " + i
						+ "\",\r\ndata: \"channel\": \"testchat:C0HEALTHY\", \"user\": \"alice\"}}\r\n\r\n");
			}
		}
		for (int i = 0; i < PER_CHANNEL; i++) {
			body.append(announcement("C0SLOW", i));
		}
		st2.stubFor(get(urlPathEqualTo(St2WireMock.STREAM_PATH)).inScenario("stream")
			.whenScenarioStateIs(STARTED)
			.willReturn(St2WireMock.eventStream(body.toString()))
			.willSetStateTo("heartbeats"));
		st2.stubFor(get(urlPathEqualTo(St2WireMock.STREAM_PATH)).inScenario("stream")
			.whenScenarioStateIs("heartbeats")
			.willReturn(St2WireMock.eventStream("\n".repeat(60)).withChunkedDribbleDelay(60, 60000)));

		chat.stubFor(post("/messages").withRequestBody(matchingJsonPath("$.channel", equalTo("C0HEALTHY")))
			.willReturn(aResponse().withStatus(200)));
		chat.stubFor(post("/messages").withRequestBody(matchingJsonPath("$.channel", equalTo("C0FAILING")))
			.willReturn(aResponse().withStatus(503).withFixedDelay(300)));
		chat.stubFor(post("/messages").withRequestBody(matchingJsonPath("$.channel", equalTo("C0SLOW")))
			.willReturn(aResponse().withStatus(200).withFixedDelay(1500)));
	}

	@Autowired
	ConfigurableApplicationContext context;

	@Autowired
	MeterRegistry meterRegistry;

	@Test
	void followerShouldDeliverPerChannelAndAccountForEveryResultOnShutdown() {
		// the healthy channel gets all its results while the failing one keeps failing
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> chat.verify(PER_CHANNEL, postRequestedFor(urlEqualTo("/messages"))
				.withRequestBody(matchingJsonPath("$.channel", equalTo("C0HEALTHY")))));
		assertThat(chat.findAll(postRequestedFor(urlEqualTo("/messages"))
			.withRequestBody(matchingJsonPath("$.channel", equalTo("C0FAILING"))))).isNotEmpty();
		assertThat(relayed("delivered")).isGreaterThanOrEqualTo(PER_CHANNEL);
		// posted once each, the multi-line ones too
		for (int i = 0; i < PER_CHANNEL; i++) {
			chat.verify(1,
					postRequestedFor(urlEqualTo("/messages"))
						.withRequestBody(matchingJsonPath("$.channel", equalTo("C0HEALTHY")))
						.withRequestBody(matchingJsonPath("$.text", equalTo("result " + i))));
		}
		// the broken announcement was counted, the data-only frame ignored
		assertThat(this.meterRegistry
			.counter("gateway.relay.notifications", "source", "stream", "platform", "none", "outcome", "invalid")
			.count()).isEqualTo(1);
		assertThat(queued()).isPositive();

		// SIGTERM: the context's lifecycle stops, in bounded phases; the follower stops
		// reading, relays what fits in the shutdown phase and reports the rest
		long started = System.nanoTime();
		this.context.stop();
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		double delivered = relayed("delivered");
		double shutdown = dropped("shutdown");
		double inFlight = dropped("in-flight");
		double redeliveries = dropped("redeliveries");
		int sent = 3 * PER_CHANNEL;
		// every result is accounted for: posted, or reported; one still in flight at the
		// deadline may also have been posted after it
		assertThat(delivered + shutdown + inFlight + redeliveries).isBetween((double) sent, sent + inFlight);
		assertThat(shutdown + inFlight).isGreaterThanOrEqualTo(PER_CHANNEL);
		assertThat(delivered).isLessThan(sent);
		assertThat(took).isLessThan(SHUTDOWN_PHASE.plusSeconds(5));
	}

	private double relayed(String outcome) {
		return this.meterRegistry.find("gateway.relay.notifications")
			.tags("source", "stream", "platform", TestChatSender.PLATFORM, "outcome", outcome)
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	private double dropped(String reason) {
		Collection<Counter> counters = this.meterRegistry.find("gateway.relay.stream.dropped")
			.tags("reason", reason)
			.counters();
		return counters.stream().mapToDouble(Counter::count).sum();
	}

	private double queued() {
		return this.meterRegistry.get("gateway.relay.stream.queued").gauge().value();
	}

	private static String announcement(String channel, int i) {
		return "event: st2.announcement__chatops-gateway\ndata: {\"payload\": {\"message\": \"result " + i
				+ "\", \"channel\": \"testchat:" + channel + "\", \"user\": \"alice\", \"whisper\": false, "
				+ "\"extra\": {}}, \"trace_context\": null}\n\n";
	}

}
