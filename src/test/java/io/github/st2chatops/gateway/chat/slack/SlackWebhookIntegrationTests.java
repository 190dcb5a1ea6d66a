package io.github.st2chatops.gateway.chat.slack;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatCommand;
import io.github.st2chatops.gateway.chat.ChatReply;
import io.github.st2chatops.gateway.chat.MessageSplitter;
import io.github.st2chatops.gateway.chat.WebhookIntegrationTestBase;
import io.github.st2chatops.gateway.support.GatewayHttp;
import io.github.st2chatops.gateway.support.StubServer;

import static io.github.st2chatops.gateway.chat.WebhookTestSupport.assertProblem;
import static io.github.st2chatops.gateway.chat.WebhookTestSupport.stubInTurn;
import static io.github.st2chatops.gateway.chat.WebhookTestSupport.fixtureText;
import static io.github.st2chatops.gateway.chat.WebhookTestSupport.slackSigned;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Slack end to end: the gateway on a random port, WireMock as Slack's Web API and as the
 * slash commands' {@code response_url}, a recording handler as the command pipeline.
 */
@TestPropertySource(properties = { "gateway.chat.slack.signing-secret=" + SlackWebhookIntegrationTests.SECRET,
		"gateway.chat.slack.bot-token=" + SlackWebhookIntegrationTests.BOT_TOKEN })
class SlackWebhookIntegrationTests extends WebhookIntegrationTestBase {

	static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

	static final String BOT_TOKEN = "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy";

	private static final AtomicLong sequence = new AtomicLong(1_700_000_000L);

	@RegisterExtension
	static final StubServer slack = StubServer.serving("gateway.chat.slack.api-url", "/api").resettingBeforeEach();

	@Autowired
	MeterRegistry meterRegistry;

	@BeforeEach
	void setUp() {
		slackTakesEveryMessage(slack);
	}

	/**
	 * Slack's Web API and the slash commands' response_urls taking every message, with
	 * the answers Slack documents.
	 * @param slack WireMock as Slack
	 */
	static void slackTakesEveryMessage(StubServer slack) {
		slack.stubFor(
				post("/api/chat.postMessage").willReturn(okJson(fixtureText("/chat/slack/chat-postMessage-ok.json"))));
		slack.stubFor(post("/api/chat.postEphemeral")
			.willReturn(okJson(fixtureText("/chat/slack/chat-postEphemeral-ok.json"))));
		slack.stubFor(post(urlPathMatching("/commands/.*")).willReturn(okJson("{\"ok\":true}")));
	}

	// slash commands

	@Test
	void slashCommandWhenSignedShouldAnswerAtOnceAndReplyThroughTheResponseUrl() {
		String responsePath = "/commands/T1DC2JH3J/397700885554/" + unique();
		String body = slashCommand(responsePath, "pack get st2");

		GatewayHttp.Response response = postSigned("/chat/slack/commands", body);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).isEqualTo(Map.of("response_type", "in_channel"));
		await().untilAsserted(() -> slack.verify(1,
				postRequestedFor(urlEqualTo(responsePath))
					.withRequestBody(matchingJsonPath("$.text", equalTo("echo: pack get st2")))
					.withRequestBody(matchingJsonPath("$.response_type", equalTo("in_channel")))));
		assertThat(this.handler.commands()).containsExactly(new ChatCommand(new ChatAddress("slack", "T1DC2JH3J",
				"G8PSS9T3V", null, "U2CERLKJA", "U2CERLKJA", slack.baseUrl() + responsePath), "pack get st2", true));
		slack.verify(0, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
	}

	@Test
	void slashCommandWhenTextIsEmptyShouldAskForHelp() {
		// Slack's own example payload: "/webhook-collect" with no text
		String body = fixtureText("/chat/slack/slash-command-signed-example.txt")
			.replace("https%3A%2F%2Fhooks.slack.com", encode(slack.baseUrl()))
			.replace("trigger_id=398738663015", "trigger_id=" + unique());

		assertThat(postSigned("/chat/slack/commands", body).status()).isEqualTo(200);

		await().untilAsserted(() -> assertThat(this.handler.finished()).hasSize(1));
		assertThat(this.handler.commands().get(0).text()).isEqualTo("help");
		assertThat(this.handler.commands().get(0).addressed()).isTrue();
	}

	@Test
	void slashCommandWhenTheCommandIsSlowShouldBeAnsweredBeforeItFinishes() throws InterruptedException {
		this.handler.hold();
		String responsePath = "/commands/T1/1/" + unique();

		GatewayHttp.Response response = postSigned("/chat/slack/commands", slashCommand(responsePath, "slow one"));

		assertThat(response.status()).isEqualTo(200);
		assertThat(this.handler.awaitStarted()).isTrue();
		assertThat(this.handler.finished()).isEmpty();
		slack.verify(0, postRequestedFor(urlEqualTo(responsePath)));
		this.handler.release();
		await().untilAsserted(() -> slack.verify(1, postRequestedFor(urlEqualTo(responsePath))
			.withRequestBody(matchingJsonPath("$.text", equalTo("echo: slow one")))));
	}

	@Test
	void slashCommandWhenReplyIsAWhisperShouldBeEphemeral() {
		this.handler.answer((command) -> List.of(new ChatReply(command.address(), "only you", Map.of(), true)));
		String responsePath = "/commands/T1/2/" + unique();

		postSigned("/chat/slack/commands", slashCommand(responsePath, "secret stuff"));

		await().untilAsserted(() -> slack.verify(1,
				postRequestedFor(urlEqualTo(responsePath))
					.withRequestBody(matchingJsonPath("$.response_type", equalTo("ephemeral")))
					.withRequestBody(matchingJsonPath("$.text", equalTo("only you")))));
	}

	@Test
	void slashCommandWhenResponseUrlHasExpiredShouldPostWithTheBotToken() {
		String responsePath = "/commands/T1/3/" + unique();
		slack.stubFor(post(responsePath).willReturn(aResponse().withStatus(404).withBody("expired_url")));

		postSigned("/chat/slack/commands", slashCommand(responsePath, "late"));

		await().untilAsserted(() -> slack.verify(1,
				postRequestedFor(urlEqualTo("/api/chat.postMessage"))
					.withHeader("Authorization", equalTo("Bearer " + BOT_TOKEN))
					.withRequestBody(matchingJsonPath("$.channel", equalTo("G8PSS9T3V")))
					.withRequestBody(matchingJsonPath("$.text", equalTo("echo: late")))));
	}

	@Test
	void slashCommandWhenResponseUrlIsOnLoopbackShouldNotFollowItAndPostWithTheBotToken() {
		// 127.0.0.2 reaches the same WireMock, but it is not one of Slack's hosts
		String responsePath = "/commands/T1/4/" + unique();
		String body = slashCommand(responsePath, "loop").replace(encode(slack.baseUrl()),
				encode("http://127.0.0.2:" + slack.port()));

		assertThat(postSigned("/chat/slack/commands", body).status()).isEqualTo(200);

		await().untilAsserted(() -> slack.verify(1, postRequestedFor(urlEqualTo("/api/chat.postMessage"))
			.withRequestBody(matchingJsonPath("$.text", equalTo("echo: loop")))));
		slack.verify(0, postRequestedFor(urlEqualTo(responsePath)));
	}

	@Test
	void slashCommandWhenResponseUrlIsOnAPrivateAddressShouldNotFollowIt() {
		String body = slashCommand("/x", "private").replace(encode(slack.baseUrl() + "/x"),
				encode("http://10.20.30.40/commands/T1/5"));

		assertThat(postSigned("/chat/slack/commands", body).status()).isEqualTo(200);

		await().untilAsserted(() -> slack.verify(1, postRequestedFor(urlEqualTo("/api/chat.postMessage"))
			.withRequestBody(matchingJsonPath("$.text", equalTo("echo: private")))));
	}

	@Test
	void slashCommandWhenSlackChecksTheCertificateShouldAnswerAndRunNothing() {
		GatewayHttp.Response response = postSigned("/chat/slack/commands",
				"ssl_check=1&token=xyzz0WbapA4vBCDEFasx0q6G");

		assertThat(response.status()).isEqualTo(200);
		fence();
		assertThat(this.handler.commands()).extracting(ChatCommand::text).containsExactly("fence");
	}

	@Test
	void slashCommandWhenTriggerIdRepeatsShouldNotRunTwice() {
		String body = slashCommand("/commands/T1/4/" + unique(), "once");

		assertThat(postSigned("/chat/slack/commands", body).status()).isEqualTo(200);
		assertThat(postSigned("/chat/slack/commands", body).status()).isEqualTo(200);

		fence();
		assertThat(this.handler.commands()).extracting(ChatCommand::text).containsExactly("once", "fence");
	}

	// refusals

	@Test
	void requestsWhenNotSignedBySlackShouldBeRefusedAndRunNothing() {
		String command = slashCommand("/commands/T1/5/" + unique(), "pack get st2");
		String event = event("app-mention.json", unique(), null);
		Instant now = Instant.now();
		for (String path : List.of("/chat/slack/commands", "/chat/slack/events")) {
			String body = path.endsWith("commands") ? command : event;
			String[] good = slackSigned(SECRET, now, body.getBytes(StandardCharsets.UTF_8));
			assertUnauthorized(this.http.post(path, body,
					slackSigned("not-the-secret", now, body.getBytes(StandardCharsets.UTF_8))));
			assertUnauthorized(this.http.post(path, body,
					slackSigned(SECRET, now.minusSeconds(310), body.getBytes(StandardCharsets.UTF_8))));
			assertUnauthorized(this.http.post(path, body,
					slackSigned(SECRET, now.plusSeconds(310), body.getBytes(StandardCharsets.UTF_8))));
			assertUnauthorized(this.http.post(path, body + " ", good));
			assertUnauthorized(this.http.post(path, body, good[0], good[1]));
			assertUnauthorized(this.http.post(path, body, good[2], good[3]));
			assertUnauthorized(this.http.post(path, body, "Content-Type", "application/json"));
		}
		fence();
		assertThat(this.handler.commands()).extracting(ChatCommand::text).containsExactly("fence");
		slack.verify(0, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
	}

	@Test
	void requestsWhenSignedButMalformedShouldBeRefusedAndRunNothing() {
		assertInvalid(postSigned("/chat/slack/events", "{not json"));
		assertInvalid(postSigned("/chat/slack/events", "[1, 2]"));
		assertInvalid(postSigned("/chat/slack/events", "{\"type\": \"event_callback\", \"event_id\": \"Ev1\"}"));
		assertInvalid(postSigned("/chat/slack/events", "{\"type\": \"url_verification\"}"));
		assertInvalid(postSigned("/chat/slack/commands", "team_id=T1&user_id=U1&text=hi&response_url=x"));
		assertInvalid(postSigned("/chat/slack/commands", "team_id=T1&channel_id=%zz"));
		fence();
		assertThat(this.handler.commands()).extracting(ChatCommand::text).containsExactly("fence");
	}

	@Test
	void requestsWhenLargerThan64KiBShouldBeRefused() {
		String body = "{\"type\": \"event_callback\", \"pad\": \"" + "x".repeat(70_000) + "\"}";
		assertThat(postSigned("/chat/slack/events", body).status()).isEqualTo(413);
	}

	// Events API

	@Test
	void urlVerificationShouldAnswerTheChallenge() {
		GatewayHttp.Response response = postSigned("/chat/slack/events",
				fixtureText("/chat/slack/url-verification.json"));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json())
			.isEqualTo(Map.of("challenge", "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"));
		assertThat(this.handler.commands()).isEmpty();
	}

	@Test
	void appMentionShouldRunTheCleanLineAndReplyInItsThread() {
		String ts = unique() + ".000016";
		GatewayHttp.Response response = postSigned("/chat/slack/events", event("app-mention.json", unique(), ts));

		assertThat(response.status()).isEqualTo(200);
		await().untilAsserted(() -> slack.verify(1,
				postRequestedFor(urlEqualTo("/api/chat.postMessage"))
					.withHeader("Authorization", equalTo("Bearer " + BOT_TOKEN))
					.withRequestBody(matchingJsonPath("$.channel", equalTo("C123ABC456")))
					.withRequestBody(matchingJsonPath("$.thread_ts", equalTo(ts)))
					.withRequestBody(matchingJsonPath("$.text", equalTo("echo: pack get \"st2\"")))));
		assertThat(this.handler.commands()).containsExactly(new ChatCommand(
				new ChatAddress("slack", "T123ABC456", "C123ABC456", ts, "U123ABC456", "U123ABC456", null),
				"pack get \"st2\"", true));
	}

	@Test
	void appMentionWithNothingElseShouldAskForHelp() {
		String event = event("app-mention.json", unique(), unique() + ".13").replace("pack get \u201cst2\u201d", "");

		postSigned("/chat/slack/events", event);

		await().untilAsserted(() -> assertThat(postMessages()).hasSize(1));
		assertThat(this.handler.commands()).extracting(ChatCommand::text).containsExactly("help");
	}

	@Test
	void eventWhenSlackRetriesOrRepeatsItShouldRunOnce() {
		String eventId = "Ev" + unique();
		String ts = unique() + ".000016";
		String mention = event("app-mention.json", eventId, ts);

		assertThat(postSigned("/chat/slack/events", mention).status()).isEqualTo(200);
		assertThat(this.http.post("/chat/slack/events", mention, retried(mention, "1", "http_timeout")).status())
			.isEqualTo(200);
		assertThat(this.http.post("/chat/slack/events", mention, retried(mention, "2", "http_error")).status())
			.isEqualTo(200);
		assertThat(postSigned("/chat/slack/events", mention).status()).isEqualTo(200);
		// the message.channels event Slack sends for the same message, with its own
		// event_id
		String sameMessage = event("app-mention.json", "Ev" + unique(), ts).replace("\"app_mention\"", "\"message\"");
		assertThat(postSigned("/chat/slack/events", sameMessage).status()).isEqualTo(200);

		fence();
		assertThat(this.handler.commands()).extracting(ChatCommand::text).containsExactly("pack get \"st2\"", "fence");
		await().untilAsserted(() -> assertThat(postMessages()).hasSize(1));
		assertThat(this.meterRegistry.counter("gateway.chat.webhooks", "platform", "slack", "outcome", "duplicate")
			.count()).isGreaterThanOrEqualTo(4);
	}

	@Test
	void messageEventsFromBotsShouldBeIgnored() {
		assertThat(postSigned("/chat/slack/events", event("bot-message.json", unique(), null)).status()).isEqualTo(200);
		assertThat(postSigned("/chat/slack/events", event("own-message.json", unique(), null)).status()).isEqualTo(200);
		fence();
		assertThat(this.handler.commands()).extracting(ChatCommand::text).containsExactly("fence");
	}

	@Test
	void messageInAChannelShouldRunUnaddressedInAThreadOfItsOwn() {
		String ts = unique() + ".000005";
		postSigned("/chat/slack/events", event("message-channels.json", unique(), ts));

		await().untilAsserted(() -> assertThat(postMessages()).hasSize(1));
		assertThat(this.handler.commands()).containsExactly(new ChatCommand(
				new ChatAddress("slack", "T123ABC456", "C2147483705", ts, "U2147483697", "U2147483697", null),
				"!st2 pack get st2", false));
	}

	@Test
	void messageInAThreadShouldReplyInThatThread() {
		postSigned("/chat/slack/events", event("message-thread-reply.json", unique(), unique() + ".1"));

		await().untilAsserted(() -> slack.verify(1, postRequestedFor(urlEqualTo("/api/chat.postMessage"))
			.withRequestBody(matchingJsonPath("$.thread_ts", equalTo("1482960137.003543")))));
		ChatCommand command = this.handler.commands().get(0);
		assertThat(command.text()).isEqualTo("st2 version & status <now> for example.com");
		assertThat(command.addressed()).isTrue();
		assertThat(command.address().thread()).isEqualTo("1482960137.003543");
	}

	@Test
	void directMessageShouldBeAddressedAndAnsweredAtTheTop() {
		postSigned("/chat/slack/events", event("message-im.json", unique(), unique() + ".6"));

		await().untilAsserted(() -> assertThat(postMessages()).hasSize(1));
		JsonNode message = postMessages().get(0);
		assertThat(message.path("channel").asString()).isEqualTo("D024BE91L");
		assertThat(message.path("text").asString()).isEqualTo("echo: pack get st2");
		assertThat(message.has("thread_ts")).isFalse();
		assertThat(this.handler.commands().get(0).addressed()).isTrue();
		assertThat(this.handler.commands().get(0).address().thread()).isNull();
	}

	// replies

	@Test
	void replyWhenLongerThanSlacksLimitShouldBeSplitInOrderInTheThread() {
		String line = "line of st2 output ".repeat(5);
		String text = String.join("\n", Collections.nCopies(100, line));
		this.handler.answer((command) -> List.of(ChatReply.of(command.address(), text)));
		String ts = unique() + ".7";

		postSigned("/chat/slack/events", event("app-mention.json", unique(), ts));

		await().untilAsserted(() -> assertThat(postMessages()).hasSize(3));
		List<JsonNode> messages = postMessages();
		List<String> parts = new ArrayList<>();
		for (JsonNode message : messages) {
			assertThat(message.path("thread_ts").asString()).isEqualTo(ts);
			assertThat(message.path("text").asString().length()).isLessThanOrEqualTo(4000);
			parts.add(message.path("text").asString());
		}
		assertThat(parts.get(0)).endsWith(MessageSplitter.CONTINUED);
		assertThat(parts.get(1)).endsWith(MessageSplitter.CONTINUED);
		assertThat(String.join("\n", parts).replace(MessageSplitter.CONTINUED, "")).isEqualTo(text);
	}

	@Test
	void replyWhenSlackAnswers429ShouldWaitRetryAfterAndResumeWithoutRepeating() {
		String line = "y".repeat(99);
		String text = String.join("\n", Collections.nCopies(60, line));
		this.handler.answer((command) -> List.of(ChatReply.of(command.address(), text)));
		stubInTurn(slack, () -> post("/api/chat.postMessage"),
				okJson(fixtureText("/chat/slack/chat-postMessage-ok.json")),
				aResponse().withStatus(429).withHeader("Retry-After", "7"),
				okJson(fixtureText("/chat/slack/chat-postMessage-ok.json")));

		postSigned("/chat/slack/events", event("app-mention.json", unique(), unique() + ".8"));

		await().untilAsserted(() -> assertThat(postMessages()).hasSize(3));
		assertThat(this.sleeper.waits()).containsExactly(Duration.ofSeconds(7));
		List<JsonNode> messages = postMessages();
		// part 1, part 2 refused with 429, part 2 again: never part 1 twice
		assertThat(messages.get(1).path("text").asString()).isEqualTo(messages.get(2).path("text").asString());
		assertThat(messages.get(0).path("text").asString()).isNotEqualTo(messages.get(1).path("text").asString());
	}

	@Test
	void replyWhenSlackSaysRatelimitedWithHttp200ShouldRetry() {
		stubInTurn(slack, () -> post("/api/chat.postMessage"),
				okJson(fixtureText("/chat/slack/ratelimited.json")).withHeader("Retry-After", "3"),
				okJson(fixtureText("/chat/slack/chat-postMessage-ok.json")));

		postSigned("/chat/slack/events", event("app-mention.json", unique(), unique() + ".9"));

		await().untilAsserted(() -> assertThat(postMessages()).hasSize(2));
		assertThat(this.sleeper.waits()).containsExactly(Duration.ofSeconds(3));
	}

	@Test
	void replyWhenSlackSaysChannelNotFoundShouldNotRetry() {
		slack.stubFor(
				post("/api/chat.postMessage").willReturn(okJson(fixtureText("/chat/slack/channel-not-found.json"))));
		double rejectedBefore = rejected();

		postSigned("/chat/slack/events", event("app-mention.json", unique(), unique() + ".10"));

		await().untilAsserted(() -> assertThat(rejected()).isEqualTo(rejectedBefore + 1));
		assertThat(postMessages()).hasSize(1);
		assertThat(this.sleeper.waits()).isEmpty();
	}

	@Test
	void replyWhenAWhisperToAnEventShouldBeEphemeralForTheUser() {
		this.handler.answer((command) -> List.of(new ChatReply(command.address(), "psst", Map.of(), true)));
		String ts = unique() + ".11";

		postSigned("/chat/slack/events", event("app-mention.json", unique(), ts));

		await().untilAsserted(() -> slack.verify(1,
				postRequestedFor(urlEqualTo("/api/chat.postEphemeral"))
					.withRequestBody(matchingJsonPath("$.user", equalTo("U123ABC456")))
					.withRequestBody(matchingJsonPath("$.channel", equalTo("C123ABC456")))
					.withRequestBody(matchingJsonPath("$.thread_ts", equalTo(ts)))
					.withRequestBody(matchingJsonPath("$.text", equalTo("psst")))));
		slack.verify(0, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
	}

	@Test
	void replyWhenExtraSlackIsGivenShouldPostAnAttachment() {
		Map<String, Object> extra = Map.of("slack", Map.of("color", "#042A60", "title", "JIRA-1", "fields",
				List.of(Map.of("title", "Summary", "value", "It broke", "short", false))));
		this.handler.answer((command) -> List.of(new ChatReply(command.address(), "ticket *open*", extra, false)));

		postSigned("/chat/slack/events", event("app-mention.json", unique(), unique() + ".12"));

		await().untilAsserted(() -> slack.verify(1,
				postRequestedFor(urlEqualTo("/api/chat.postMessage"))
					.withRequestBody(matchingJsonPath("$.attachments[0].color", equalTo("#042A60")))
					.withRequestBody(matchingJsonPath("$.attachments[0].title", equalTo("JIRA-1")))
					.withRequestBody(matchingJsonPath("$.attachments[0].text", equalTo("ticket *open*")))
					.withRequestBody(matchingJsonPath("$.attachments[0].fields[0].value", equalTo("It broke")))));
	}

	// helpers

	private void fence() {
		int before = this.handler.finished().size();
		postSigned("/chat/slack/commands", slashCommand("/commands/T1/fence/" + unique(), "fence"));
		await().untilAsserted(() -> assertThat(this.handler.finished()).hasSize(before + 1));
	}

	private List<JsonNode> postMessages() {
		List<LoggedRequest> requests = slack.findAll(postRequestedFor(urlEqualTo("/api/chat.postMessage")));
		List<JsonNode> bodies = new ArrayList<>();
		for (LoggedRequest request : requests) {
			bodies.add(this.json.readTree(request.getBodyAsString()));
		}
		return bodies;
	}

	private double rejected() {
		return this.meterRegistry.counter("gateway.chat.deliveries", "platform", "slack", "outcome", "rejected")
			.count();
	}

	private GatewayHttp.Response postSigned(String path, String body) {
		String[] headers = slackSigned(SECRET, Instant.now(), body.getBytes(StandardCharsets.UTF_8));
		String contentType = path.endsWith("commands") ? "application/x-www-form-urlencoded" : "application/json";
		return this.http.post(path, body, headers[0], headers[1], headers[2], headers[3], "Content-Type", contentType);
	}

	private static String[] retried(String body, String number, String reason) {
		String[] signed = slackSigned(SECRET, Instant.now(), body.getBytes(StandardCharsets.UTF_8));
		return new String[] { signed[0], signed[1], signed[2], signed[3], "X-Slack-Retry-Num", number,
				"X-Slack-Retry-Reason", reason, "Content-Type", "application/json" };
	}

	private String slashCommand(String responsePath, String text) {
		return "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
				+ "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fst2&text=" + encode(text)
				+ "&response_url=" + encode(slack.baseUrl() + responsePath) + "&trigger_id=" + unique()
				+ ".47445629121.803a0bc887a14d10d2c447fce8b6703c";
	}

	/** A documented event payload with a fresh event id and, when given, message ts. */
	private String event(String fixture, String eventId, String ts) {
		ObjectNode payload = (ObjectNode) this.json.readTree(fixtureText("/chat/slack/" + fixture));
		payload.put("event_id", eventId);
		if (ts != null) {
			((ObjectNode) payload.get("event")).put("ts", ts);
			((ObjectNode) payload.get("event")).put("event_ts", ts);
		}
		return this.json.writeValueAsString(payload);
	}

	private static void assertUnauthorized(GatewayHttp.Response response) {
		assertProblem(response, 401, "unauthorized", SECRET);
	}

	private static void assertInvalid(GatewayHttp.Response response) {
		assertProblem(response, 400, "invalid-request");
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String unique() {
		return sequence.incrementAndGet() + UUID.randomUUID().toString().substring(0, 4);
	}

}
