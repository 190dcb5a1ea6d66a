package io.github.st2chatops.gateway.chat.generic;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatReply;
import io.github.st2chatops.gateway.chat.DeliveryResult;
import io.github.st2chatops.gateway.chat.WebhookIntegrationTestBase;
import io.github.st2chatops.gateway.support.GatewayHttp;
import io.github.st2chatops.gateway.support.StubServer;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.test.context.TestPropertySource;

import static io.github.st2chatops.gateway.chat.WebhookTestSupport.fixture;
import static io.github.st2chatops.gateway.chat.WebhookTestSupport.numberedLines;
import static io.github.st2chatops.gateway.chat.WebhookTestSupport.assertSplit;
import static io.github.st2chatops.gateway.chat.WebhookTestSupport.stubInTurn;
import static io.github.st2chatops.gateway.chat.WebhookTestSupport.awaitRequests;
import static io.github.st2chatops.gateway.chat.WebhookTestSupport.assertProblem;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generic webhook end to end: the service on a random port, a recording command
 * handler for the pipeline, WireMock as the caller's callback endpoint.
 */
@TestPropertySource(properties = { "gateway.chat.generic.secret=" + GenericWebhookIntegrationTests.SECRET,
		"gateway.chat.generic.max-message-length=" + GenericWebhookIntegrationTests.LIMIT })
class GenericWebhookIntegrationTests extends WebhookIntegrationTestBase {

	static final String SECRET = "generic-secret-for-tests-0123456789";

	static final int LIMIT = 200;

	static final AtomicLong lastTimestamp = new AtomicLong();

	@RegisterExtension
	static final StubServer callback = StubServer.serving("gateway.chat.generic.callback-url", "/callback");

	@BeforeEach
	void reset() {
		callback.resetAll();
		callback.stubFor(post("/callback").willReturn(ok()));
	}

	@Test
	void documentedMessageWhenSignedShouldRunCommandAndPostSignedReplyToCallback() throws Exception {
		byte[] body = fixture("/chat/generic/message.json");
		GatewayHttp.Response response = send(body, now());

		assertThat(response.status()).isEqualTo(202);
		assertThat(response.json()).containsEntry("accepted", true);
		List<LoggedRequest> callbacks = awaitRequests(callback, 1);
		assertThat(this.handler.commands()).singleElement().satisfies((command) -> {
			assertThat(command.address())
				.isEqualTo(new ChatAddress("generic", null, "builds", "build-4711", "ci-bot", "ci-bot", null));
			assertThat(command.text()).isEqualTo("!st2 pack get \"st2\"");
			assertThat(command.addressed()).isTrue();
		});
		LoggedRequest sent = callbacks.get(0);
		assertThat(readJson(sent.getBody())).isEqualTo(Map.of("text", "echo: !st2 pack get \"st2\"", "channel",
				"builds", "thread", "build-4711", "user", "ci-bot", "whisper", false));
		assertSignedBy(SECRET, sent);
	}

	@Test
	void slowCommandShouldBeAcceptedBeforeItFinishes() {
		this.handler.hold();
		GatewayHttp.Response response = send(fixture("/chat/generic/message.json"), now());

		assertThat(response.status()).isEqualTo(202);
		assertThat(this.handler.finished()).isEmpty();
		assertThat(callback.getAllServeEvents()).isEmpty();
		this.handler.release();
		assertThat(awaitRequests(callback, 1)).hasSize(1);
		assertThat(this.handler.finished()).hasSize(1);
	}

	@Test
	void missingHeadersShouldBeRefused(CapturedOutput output) {
		GatewayHttp.Response response = this.http.postBytes("/chat/generic", fixture("/chat/generic/message.json"),
				"Content-Type", "application/json");

		assertRefused(response);
		assertThat(output).contains("Refused a generic request").doesNotContain(SECRET);
	}

	@Test
	void wrongSignatureShouldBeRefusedWithoutSayingWhatWasExpected(CapturedOutput output) {
		byte[] body = fixture("/chat/generic/message.json");
		String timestamp = now();
		String expected = GenericSignature.sign(SECRET, timestamp, body);
		String wrong = GenericSignature.sign("another-secret-0123456789", timestamp, body);
		GatewayHttp.Response response = this.http.postBytes("/chat/generic", body, "Content-Type", "application/json",
				"X-Gateway-Timestamp", timestamp, "X-Gateway-Signature", wrong);

		assertRefused(response);
		assertLoggedWithout(response, output, "X-Gateway-Signature does not match", expected.substring(7), SECRET);
	}

	@Test
	void bodyChangedAfterSigningShouldBeRefused() {
		byte[] body = fixture("/chat/generic/message.json");
		String timestamp = now();
		String signature = GenericSignature.sign(SECRET, timestamp, body);
		byte[] changed = new String(body, StandardCharsets.UTF_8).replace("pack get", "pack remove")
			.getBytes(StandardCharsets.UTF_8);
		GatewayHttp.Response response = this.http.postBytes("/chat/generic", changed, "Content-Type",
				"application/json", "X-Gateway-Timestamp", timestamp, "X-Gateway-Signature", signature);

		assertRefused(response);
	}

	@Test
	void signatureWithoutPrefixShouldBeRefused() {
		byte[] body = fixture("/chat/generic/message.json");
		String timestamp = now();
		String signature = GenericSignature.sign(SECRET, timestamp, body).substring("sha256=".length());
		GatewayHttp.Response response = this.http.postBytes("/chat/generic", body, "Content-Type", "application/json",
				"X-Gateway-Timestamp", timestamp, "X-Gateway-Signature", signature);

		assertRefused(response);
	}

	@Test
	void staleTimestampShouldBeRefused() {
		assertRefused(send(fixture("/chat/generic/message.json"), Long.toString(Instant.now().getEpochSecond() - 310)));
	}

	@Test
	void futureTimestampShouldBeRefused() {
		assertRefused(send(fixture("/chat/generic/message.json"), Long.toString(Instant.now().getEpochSecond() + 310)));
	}

	@Test
	void timestampInMillisecondsShouldBeRefused() {
		assertRefused(send(fixture("/chat/generic/message.json"), Long.toString(Instant.now().toEpochMilli())));
	}

	@Test
	void timestampThatIsNotANumberShouldBeRefused() {
		assertRefused(send(fixture("/chat/generic/message.json"), "yesterday"));
	}

	@Test
	void signedBodyThatIsNotJsonShouldBe400() {
		GatewayHttp.Response response = send("text=pack get st2".getBytes(StandardCharsets.UTF_8), now());

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.json()).containsEntry("type", "urn:st2-chatops-gateway:problem:invalid-request");
		assertThat(this.handler.commands()).isEmpty();
	}

	@Test
	void signedMessageWithoutChannelShouldBe400() {
		GatewayHttp.Response response = send(
				"{\"text\":\"pack get st2\",\"user\":\"ci-bot\"}".getBytes(StandardCharsets.UTF_8), now());

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json()).containsEntry("detail", "'channel' is required.");
		assertThat(this.handler.commands()).isEmpty();
	}

	@Test
	void replayedRequestShouldBeAnsweredButRunOnce() {
		byte[] body = fixture("/chat/generic/message.json");
		String timestamp = now();
		GatewayHttp.Response first = send(body, timestamp);
		GatewayHttp.Response replay = send(body, timestamp);

		assertThat(first.status()).isEqualTo(202);
		assertThat(replay.status()).isEqualTo(202);
		assertThat(replay.json()).containsEntry("duplicate", true);
		awaitRequests(callback, 1);
		assertThat(this.handler.commands()).hasSize(1);
	}

	@Test
	void longReplyShouldBeSplitIntoSignedCallbacksUnderTheLimitInOrder() throws Exception {
		String text = numberedLines(30, "of the result");
		this.handler.answerWith(text);
		send(fixture("/chat/generic/message.json"), now());

		List<String> parts = new ArrayList<>();
		for (LoggedRequest posted : awaitRequests(callback, 4)) {
			assertSignedBy(SECRET, posted);
			parts.add((String) readJson(posted.getBody()).get("text"));
		}
		assertSplit(parts, LIMIT, text);
	}

	@Test
	void whisperShouldBeMarkedAndNameTheUser() throws Exception {
		this.handler.answer((command) -> List.of(new ChatReply(command.address(), "only for you", Map.of(), true)));
		send(fixture("/chat/generic/message.json"), now());

		Map<String, Object> sent = readJson(awaitRequests(callback, 1).get(0).getBody());
		assertThat(sent).containsEntry("whisper", true).containsEntry("user", "ci-bot");
	}

	@Test
	void resultWithExtraShouldCarryIt() throws Exception {
		ChatAddress address = new ChatAddress("generic", null, "builds", null, null, null, null);
		DeliveryResult result = this.delivery
			.deliver(new ChatReply(address, "done", Map.of("generic", Map.of("color", "green")), false));

		assertThat(result).isEqualTo(new DeliveryResult.Delivered(1));
		Map<String, Object> sent = readJson(callback.getAllServeEvents().get(0).getRequest().getBody());
		assertThat(sent).isEqualTo(Map.of("text", "done", "channel", "builds", "whisper", false, "extra",
				Map.of("generic", Map.of("color", "green"))));
	}

	@Test
	void callbackAnswering429ShouldBeRetriedAfterRetryAfter() {
		stubInTurn(callback, () -> post("/callback"), aResponse().withStatus(429).withHeader("Retry-After", "7"), ok());
		ChatAddress address = new ChatAddress("generic", null, "builds", null, null, null, null);

		DeliveryResult result = this.delivery.deliver(ChatReply.of(address, "done"));

		assertThat(result).isEqualTo(new DeliveryResult.Delivered(2));
		assertThat(this.sleeper.waits()).containsExactly(Duration.ofSeconds(7));
		callback.verify(2, postRequestedFor(urlEqualTo("/callback")).withHeader("X-Gateway-Signature",
				matching("sha256=[0-9a-f]{64}")));
	}

	@Test
	void callbackAnswering400ShouldNotBeRetried() {
		callback.stubFor(post("/callback").willReturn(aResponse().withStatus(400)));
		ChatAddress address = new ChatAddress("generic", null, "builds", null, null, null, null);

		DeliveryResult result = this.delivery.deliver(ChatReply.of(address, "done"));

		assertThat(result).isInstanceOf(DeliveryResult.Rejected.class);
		assertThat(this.sleeper.waits()).isEmpty();
		callback.verify(1,
				postRequestedFor(urlEqualTo("/callback")).withHeader("Content-Type", equalTo("application/json")));
	}

	@Test
	void onlyTheGenericPlatformShouldBeOn() {
		assertOnlyPlatformOn("generic", "/chat/teams", "/chat/rocketchat");
	}

	private GatewayHttp.Response send(byte[] body, String timestamp) {
		return this.http.postBytes("/chat/generic", body, "Content-Type", "application/json", "X-Gateway-Timestamp",
				timestamp, "X-Gateway-Signature", GenericSignature.sign(SECRET, timestamp, body));
	}

	private void assertRefused(GatewayHttp.Response response) {
		assertProblem(response, 401, "unauthorized", SECRET);
		assertThat(this.handler.commands()).isEmpty();
		assertThat(callback.getAllServeEvents()).isEmpty();
	}

	private static void assertSignedBy(String secret, LoggedRequest request) {
		String timestamp = request.getHeader("X-Gateway-Timestamp");
		assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp))).isLessThan(60);
		assertThat(request.getHeader("X-Gateway-Signature"))
			.isEqualTo(GenericSignature.sign(secret, timestamp, request.getBody()));
	}

	/**
	 * A timestamp within the window that no other request of this class used: requests of
	 * different tests with the same body and timestamp would be replays of each other.
	 */
	private static String now() {
		long now = Instant.now().getEpochSecond();
		return Long.toString(lastTimestamp.updateAndGet((last) -> Math.max(now, last + 1)));
	}

}
