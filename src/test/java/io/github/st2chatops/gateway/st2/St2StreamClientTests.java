package io.github.st2chatops.gateway.st2;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static io.github.st2chatops.gateway.support.St2WireMock.eventStream;
import static org.awaitility.Awaitility.await;

/**
 * {@link St2StreamClient} against a WireMock stream service: frames st2 never sends but
 * the standard allows, a listener that fails on one event, and resuming with
 * {@code Last-Event-ID} after the connection ended.
 */
class St2StreamClientTests {

	private static final String API_KEY = "ZmE3YjM0NDk5NmI1NGM1NWI3NWI4ZTI3MTQ3YzUxYjQ";

	private static final String STREAM_PATH = "/stream/v1/stream";

	@RegisterExtension
	static WireMockExtension st2 = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final List<St2StreamEvent> received = new CopyOnWriteArrayList<>();

	private St2StreamSubscription subscription;

	@AfterEach
	void close() {
		if (this.subscription != null) {
			this.subscription.close();
		}
	}

	@Test
	void followWhenFramesAreOddButLegalShouldDeliverEveryEvent() {
		st2.stubFor(get(urlPathEqualTo(STREAM_PATH)).inScenario("stream")
			.whenScenarioStateIs(STARTED)
			.willReturn(eventStream("\n"
					// data only: type message (a NullPointerException before)
					+ "data: {\"no\": \"event line\"}\n\n"
					// comments before, inside and after
					+ ": a comment\nevent: st2.announcement__chatops-gateway\n: inside\ndata: one\n\n: after\n"
					// data over three lines, CRLF line ends
					+ "event: st2.announcement__chatops-gateway\r\ndata: {\"payload\":\r\ndata:  {\"message\": \"two\"}\r\n"
					+ "data: }\r\n\r\n"
					// id and retry; CR line ends
					+ "id: 17\rretry: 100\revent: st2.announcement__chatops-gateway\rdata: three\r\r"
					// a field without a colon, an unknown field
					+ "event: st2.announcement__chatops-gateway\ndata\nfoo: bar\n\n"))
			.willSetStateTo("ended"));
		st2.stubFor(
				get(urlPathEqualTo(STREAM_PATH)).inScenario("stream").whenScenarioStateIs("ended").willReturn(quiet()));

		this.subscription = client().follow(List.of("st2.announcement__chatops-gateway"), "", this.received::add);

		await().atMost(Duration.ofSeconds(20)).until(() -> this.received.size() == 5);
		assertThat(this.received).extracting(St2StreamEvent::type)
			.containsExactly("message", "st2.announcement__chatops-gateway", "st2.announcement__chatops-gateway",
					"st2.announcement__chatops-gateway", "st2.announcement__chatops-gateway");
		assertThat(this.received).extracting(St2StreamEvent::data)
			.containsExactly("{\"no\": \"event line\"}", "one", "{\"payload\":\n {\"message\": \"two\"}\n}", "three",
					"");
		assertThat(this.received).extracting(St2StreamEvent::lastEventId).containsExactly("", "", "", "17", "17");
	}

	@Test
	void followWhenTheListenerFailsOnOneEventShouldKeepTheOthersOfTheConnection() {
		StringBuilder body = new StringBuilder("\n");
		for (int i = 1; i <= 5; i++) {
			body.append("event: st2.announcement__chatops-gateway\ndata: ").append(i).append("\n\n");
		}
		st2.stubFor(get(urlPathEqualTo(STREAM_PATH)).inScenario("stream")
			.whenScenarioStateIs(STARTED)
			.willReturn(eventStream(body.toString()))
			.willSetStateTo("quiet"));
		st2.stubFor(
				get(urlPathEqualTo(STREAM_PATH)).inScenario("stream").whenScenarioStateIs("quiet").willReturn(quiet()));

		List<String> handled = new CopyOnWriteArrayList<>();
		this.subscription = client().follow(List.of("st2.announcement__chatops-gateway"), "", (event) -> {
			if (event.data().equals("2")) {
				throw new IllegalStateException("dispatch failed");
			}
			handled.add(event.data());
		});

		await().atMost(Duration.ofSeconds(20)).until(() -> handled.size() == 4);
		assertThat(handled).containsExactly("1", "3", "4", "5");
		// one connection: the failure did not end it
		await().atMost(Duration.ofSeconds(5)).until(() -> this.subscription.state().connected());
		st2.verify(2, getRequestedFor(urlPathEqualTo(STREAM_PATH)));
	}

	@Test
	void reconnectWhenTheStreamSetIdsShouldSendLastEventId() {
		st2.stubFor(get(urlPathEqualTo(STREAM_PATH)).inScenario("stream")
			.whenScenarioStateIs(STARTED)
			.willReturn(eventStream("id: 41\ndata: a\n\nid: 42\ndata: b\n\n"))
			.willSetStateTo("resumed"));
		st2.stubFor(get(urlPathEqualTo(STREAM_PATH)).inScenario("stream")
			.whenScenarioStateIs("resumed")
			.withHeader("Last-Event-ID", equalTo("42"))
			.willReturn(eventStream("id: 43\ndata: c\n\n").withChunkedDribbleDelay(1, 100))
			.willSetStateTo("quiet"));
		st2.stubFor(
				get(urlPathEqualTo(STREAM_PATH)).inScenario("stream").whenScenarioStateIs("quiet").willReturn(quiet()));

		this.subscription = client().follow(List.of("st2.announcement__chatops-gateway"), "", this.received::add);

		await().atMost(Duration.ofSeconds(20)).until(() -> this.received.size() == 3);
		assertThat(this.received).extracting(St2StreamEvent::data).containsExactly("a", "b", "c");
		st2.verify(1, getRequestedFor(urlPathEqualTo(STREAM_PATH)).withHeader("Last-Event-ID", absent()));
		st2.verify(1,
				getRequestedFor(urlPathEqualTo(STREAM_PATH)).withHeader("Last-Event-ID", equalTo("42"))
					.withHeader("St2-Api-Key", equalTo(API_KEY))
					.withHeader("Accept", equalTo("text/event-stream")));
		await().atMost(Duration.ofSeconds(5)).until(() -> "43".equals(this.subscription.state().lastEventId()));
	}

	@Test
	void followWhenAnEarlierLeaderGaveAnIdShouldResumeFromIt() {
		st2.stubFor(get(urlPathEqualTo(STREAM_PATH)).willReturn(quiet()));

		this.subscription = client().follow(List.of("st2.announcement__chatops-gateway"), "7", this.received::add);

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> st2.verify(1,
					getRequestedFor(urlPathEqualTo(STREAM_PATH)).withHeader("Last-Event-ID", equalTo("7"))));
	}

	@Test
	void closeWhileTheListenerWaitsShouldInterruptItPromptly() throws InterruptedException {
		st2.stubFor(get(urlPathEqualTo(STREAM_PATH))
			.willReturn(eventStream("data: 1\n\n" + "\n".repeat(40)).withChunkedDribbleDelay(40, 20000)));
		List<String> interrupted = new CopyOnWriteArrayList<>();
		Object never = new Object();
		this.subscription = client().follow(List.of("x"), "", (event) -> {
			this.received.add(event);
			try {
				synchronized (never) {
					never.wait();
				}
			}
			catch (InterruptedException ex) {
				interrupted.add(event.data());
				throw ex;
			}
		});
		await().atMost(Duration.ofSeconds(20)).until(() -> this.received.size() == 1);

		long started = System.nanoTime();
		this.subscription.close();

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
		assertThat(interrupted).containsExactly("1");
		assertThat(this.subscription.isOpen()).isFalse();
		assertThat(this.subscription.state().connected()).isFalse();
	}

	private static St2StreamClient client() {
		St2Properties properties = new St2Properties(URI.create(st2.baseUrl()), null, null, null, API_KEY, null, null,
				null, null, null, Duration.ofSeconds(1), Duration.ofSeconds(1), true, null, null, null, 100,
				new St2Properties.Retry(2, Duration.ofMillis(1)));
		St2TokenProvider tokens = new St2TokenProvider(properties, null, Clock.systemUTC());
		St2StreamSettings settings = new St2StreamSettings(Duration.ofSeconds(10), Duration.ofSeconds(30),
				Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofMinutes(1),
				St2StreamSettings.DEFAULT_MAX_EVENT_SIZE);
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		return new St2StreamClient(URI.create(st2.baseUrl() + "/stream/v1"), tokens, http, settings, Clock.systemUTC());
	}

	// heartbeats only, one every half second, for 25 seconds
	private static ResponseDefinitionBuilder quiet() {
		return eventStream("\n".repeat(50)).withChunkedDribbleDelay(50, 25000);
	}

}
