package io.github.st2chatops.gateway.chat.rocketchat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.node.ObjectNode;

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
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rocket.Chat end to end: the service on a random port, a recording command handler for
 * the pipeline, WireMock as the incoming webhook integration.
 */
@TestPropertySource(properties = { "gateway.chat.rocketchat.token=" + RocketChatWebhookIntegrationTests.TOKEN })
class RocketChatWebhookIntegrationTests extends WebhookIntegrationTestBase {

	static final String TOKEN = "rc-outgoing-token-for-tests";

	static final String HOOK_PATH = "/hooks/5f7c0e1d2a3b4c5d6e7f8091/Xq2jZk7WmN4rT9sVbC1dE6fG8hJ0kL3p";

	static final String USER_ID = "aobEdbYhXfu5hkeqG";

	static final AtomicInteger messageIds = new AtomicInteger();

	@RegisterExtension
	static final StubServer rocketChat = StubServer.serving("gateway.chat.rocketchat.webhook-url", HOOK_PATH);

	@BeforeEach
	void reset() {
		rocketChat.resetAll();
		rocketChat.stubFor(post(HOOK_PATH).willReturn(okJson("{\"success\":true}")));
	}

	/**
	 * The only test that sends the documented message as it is: its id runs once.
	 */
	@Test
	void documentedMessageShouldRunCommandAndAnswerInline() {
		GatewayHttp.Response response = send(fixture("/chat/rocketchat/outgoing-webhook-message.json"));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).isEqualTo(Map.of("text", "echo: !st2 pack get \"st2\""));
		assertThat(this.handler.commands()).singleElement().satisfies((command) -> {
			assertThat(command.address())
				.isEqualTo(new ChatAddress("rocketchat", null, "GENERAL", null, USER_ID, "jane.doe", null));
			assertThat(command.text()).isEqualTo("!st2 pack get \"st2\"");
			assertThat(command.addressed()).isFalse();
		});
		assertThat(rocketChat.getAllServeEvents()).isEmpty();
	}

	@Test
	void messageInAThreadShouldBeAnsweredInTheThread() {
		GatewayHttp.Response response = send(fixture("/chat/rocketchat/outgoing-webhook-thread-message.json"));

		assertThat(response.json()).isEqualTo(Map.of("text", "echo: !st2 pack get st2", "tmid", "8XjbsbkJtrPWDtxJx"));
		assertThat(this.handler.commands()).singleElement()
			.satisfies((command) -> assertThat(command.address().thread()).isEqualTo("8XjbsbkJtrPWDtxJx"));
	}

	@Test
	void directMessageWithMentionTriggerShouldNeedNoPrefix() {
		send(fixture("/chat/rocketchat/outgoing-webhook-direct-message.json"));

		assertThat(this.handler.commands()).singleElement().satisfies((command) -> {
			assertThat(command.text()).isEqualTo("pack get st2");
			assertThat(command.addressed()).isTrue();
			assertThat(command.address().channel()).isEqualTo("aobEdbYhXfu5hkeqGrocket.cat");
		});
	}

	@Test
	void wrongTokenShouldBeRefused(CapturedOutput output) {
		ObjectNode message = message("!st2 pack get st2", null);
		message.put("token", "not-the-token");

		assertRefused(postMessage(message));
		assertThat(output).contains("Refused a rocketchat request").doesNotContain(TOKEN);
	}

	@Test
	void missingTokenShouldBeRefused() {
		ObjectNode message = message("!st2 pack get st2", null);
		message.remove("token");

		assertRefused(postMessage(message));
	}

	@Test
	void botMessageShouldBeIgnored() {
		GatewayHttp.Response response = send(fixture("/chat/rocketchat/outgoing-webhook-bot-message.json"));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).isEmpty();
		assertThat(this.handler.commands()).isEmpty();
	}

	@Test
	void repeatedMessageShouldBeAnsweredButRunOnce() {
		ObjectNode message = message("!st2 pack get st2", null);
		GatewayHttp.Response first = postMessage(message);
		GatewayHttp.Response again = postMessage(message);

		assertThat(first.json()).containsKey("text");
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json()).isEmpty();
		assertThat(this.handler.commands()).hasSize(1);
	}

	@Test
	void slowCommandShouldBeAnsweredEmptyThenPostedInTheThread() throws Exception {
		this.handler.hold();
		GatewayHttp.Response response = postMessage(message("!st2 pack get st2", "8XjbsbkJtrPWDtxJx"));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).isEmpty();
		assertThat(this.handler.finished()).isEmpty();
		assertThat(rocketChat.getAllServeEvents()).isEmpty();
		this.handler.release();
		Map<String, Object> posted = readJson(awaitRequests(rocketChat, 1).get(0).getBody());
		assertThat(posted)
			.isEqualTo(Map.of("text", "echo: !st2 pack get st2", "channel", "#GENERAL", "tmid", "8XjbsbkJtrPWDtxJx"));
	}

	@Test
	void answerOverTheDefaultLimitShouldBeSplitThroughTheWebhookInOrder() throws Exception {
		String text = numberedLines(400, "of a long result");
		assertThat(text.length()).isGreaterThan(2 * 5000);
		this.handler.answerWith(text);
		GatewayHttp.Response response = postMessage(message("!st2 pack get st2", null));

		assertThat(response.json()).isEmpty();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(rocketChat.getAllServeEvents()
				.stream()
				.anyMatch((event) -> event.getRequest().getBodyAsString().contains("line 400 of"))).isTrue());
		List<String> parts = new ArrayList<>();
		for (LoggedRequest post : awaitRequests(rocketChat, 3)) {
			Map<String, Object> posted = readJson(post.getBody());
			assertThat(posted).containsEntry("channel", "#GENERAL").doesNotContainKey("tmid");
			parts.add((String) posted.get("text"));
		}
		assertSplit(parts, 5000, text);
	}

	@Test
	void whisperShouldGoToTheUserAsADirectMessage() throws Exception {
		this.handler.answer((command) -> List.of(new ChatReply(command.address(), "only for you", Map.of(), true)));
		GatewayHttp.Response response = postMessage(message("!st2 whoami", "8XjbsbkJtrPWDtxJx"));

		assertThat(response.json()).isEmpty();
		Map<String, Object> posted = readJson(awaitRequests(rocketChat, 1).get(0).getBody());
		assertThat(posted).isEqualTo(Map.of("text", "only for you", "channel", "@" + USER_ID));
	}

	@Test
	void resultShouldBePostedToTheRoomAndThread() throws Exception {
		ChatAddress address = new ChatAddress("rocketchat", null, "GENERAL", "8XjbsbkJtrPWDtxJx", USER_ID, "jane.doe",
				null);

		DeliveryResult result = this.delivery.deliver(ChatReply.of(address, "pack get st2 succeeded"));

		assertThat(result).isEqualTo(new DeliveryResult.Delivered(1));
		assertThat(readJson(awaitRequests(rocketChat, 1).get(0).getBody()))
			.isEqualTo(Map.of("text", "pack get st2 succeeded", "channel", "#GENERAL", "tmid", "8XjbsbkJtrPWDtxJx"));
	}

	@Test
	void webhookAnswering429ShouldBeRetriedAfterRetryAfter() {
		stubInTurn(rocketChat, () -> post(HOOK_PATH), aResponse().withStatus(429).withHeader("Retry-After", "4"),
				okJson("{\"success\":true}"));
		ChatAddress address = new ChatAddress("rocketchat", null, "GENERAL", null, null, null, null);

		DeliveryResult result = this.delivery.deliver(ChatReply.of(address, "done"));

		assertThat(result).isEqualTo(new DeliveryResult.Delivered(2));
		assertThat(this.sleeper.waits()).containsExactly(Duration.ofSeconds(4));
	}

	@Test
	void webhookRefusingTheRoomShouldNotBeRetriedNorLogTheUrl(CapturedOutput output) {
		rocketChat.stubFor(post(HOOK_PATH)
			.willReturn(aResponse().withStatus(400).withBody("{\"success\":false,\"error\":\"invalid-channel\"}")));
		ChatAddress address = new ChatAddress("rocketchat", null, "GONE", null, null, null, null);

		assertThat(this.delivery.deliver(ChatReply.of(address, "done"))).isInstanceOf(DeliveryResult.Rejected.class);
		assertThat(this.sleeper.waits()).isEmpty();
		assertThat(output).contains("rocketchat webhook refused the message with 400").doesNotContain(HOOK_PATH);
	}

	@Test
	void onlyTheRocketChatPlatformShouldBeOn() {
		assertOnlyPlatformOn("rocketchat", "/chat/teams");
	}

	private GatewayHttp.Response send(byte[] body) {
		return this.http.postBytes("/chat/rocketchat", body, "Content-Type", "application/json");
	}

	private GatewayHttp.Response send(String body) {
		return send(body.getBytes(StandardCharsets.UTF_8));
	}

	private GatewayHttp.Response postMessage(ObjectNode message) {
		return send(this.json.writeValueAsBytes(message));
	}

	/** The documented message with a fresh id, another text and thread. */
	private ObjectNode message(String text, String tmid) {
		ObjectNode message = (ObjectNode) this.json.readTree(fixture("/chat/rocketchat/outgoing-webhook-message.json"));
		message.put("message_id", "test" + messageIds.incrementAndGet());
		message.put("text", text);
		if (tmid != null) {
			message.put("tmid", tmid);
		}
		return message;
	}

	private void assertRefused(GatewayHttp.Response response) {
		assertProblem(response, 401, "unauthorized", TOKEN);
		assertThat(this.handler.commands()).isEmpty();
	}

}
