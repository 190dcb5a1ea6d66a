package io.github.st2chatops.gateway.chat.mattermost;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

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
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Mattermost end to end: the gateway on a random port, WireMock as the Mattermost server
 * (REST API and command {@code response_url}s), a recording handler as the command
 * pipeline.
 */
@TestPropertySource(properties = { "gateway.chat.mattermost.reply-deadline=2s",
		"gateway.chat.mattermost.token=" + MattermostWebhookIntegrationTests.SLASH_TOKEN + ","
				+ MattermostWebhookIntegrationTests.WEBHOOK_TOKEN,
		"gateway.chat.mattermost.bot-token=" + MattermostWebhookIntegrationTests.BOT_TOKEN })
class MattermostWebhookIntegrationTests extends WebhookIntegrationTestBase {

	static final String SLASH_TOKEN = "xr3j5x3p4pfk7kk6ck7b4e6ghh";

	static final String WEBHOOK_TOKEN = "zmigewsanbbsdf59xnmduzypjc";

	static final String BOT_TOKEN = "6ioei5o1zpgk7gxxq9ofsuwhyo";

	private static final String POST_ID = "axdygg1957njfe5pu38saikdho";

	@RegisterExtension
	static final StubServer mattermost = StubServer.serving("gateway.chat.mattermost.url", "").resettingBeforeEach();

	@BeforeEach
	void setUp() {
		mattermost.stubFor(post("/api/v4/posts")
			.willReturn(okJson(fixtureText("/chat/mattermost/post-created.json")).withStatus(201)));
		mattermost.stubFor(post("/api/v4/posts/ephemeral")
			.willReturn(okJson(fixtureText("/chat/mattermost/post-created.json")).withStatus(201)));
		mattermost.stubFor(get(urlPathMatching("/api/v4/posts/.*"))
			.willReturn(okJson(fixtureText("/chat/mattermost/post-root.json"))));
		mattermost.stubFor(
				get(urlPathMatching("/api/v4/users/.*")).willReturn(okJson(fixtureText("/chat/mattermost/user.json"))));
		mattermost.stubFor(post(urlPathMatching("/hooks/commands/.*")).willReturn(aResponse().withStatus(200)));
	}

	// slash commands

	@Test
	void slashCommandWhenQuickShouldBeAnsweredInTheResponse() {
		String responseUrl = mattermost.baseUrl() + "/hooks/commands/" + unique();

		GatewayHttp.Response response = slash(slashCommand(responseUrl, "hello world"), SLASH_TOKEN);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).isEqualTo(Map.of("response_type", "in_channel", "text", "echo: hello world"));
		assertThat(this.handler.commands())
			.containsExactly(new ChatCommand(
					new ChatAddress("mattermost", "rdc9bgriktyx9p4kowh3dmgqyc", "cniah6qa73bjjjan6mzn11f4ie", null,
							"c3a4cqe3dfy6dgopqt8ai3hydh", "c3a4cqe3dfy6dgopqt8ai3hydh", responseUrl),
					"hello world", true));
		mattermost.verify(0, postRequestedFor(urlPathMatching("/.*")));
	}

	@Test
	void slashCommandWhenDocumentedPayloadShouldRun() {
		GatewayHttp.Response response = slash(fixtureText("/chat/mattermost/slash-command.txt"), SLASH_TOKEN);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).containsEntry("text", "echo: hello world");
	}

	@Test
	void slashCommandWhenReplyIsAWhisperShouldAnswerEphemeral() {
		this.handler.answer((command) -> List.of(new ChatReply(command.address(), "only you", Map.of(), true)));

		GatewayHttp.Response response = slash(slashCommand(mattermost.baseUrl() + "/hooks/commands/x", "secret"),
				SLASH_TOKEN);

		assertThat(response.json()).isEqualTo(Map.of("response_type", "ephemeral", "text", "only you"));
	}

	@Test
	void slashCommandWhenSlowShouldBeAnsweredBeforeItFinishesAndReplyThroughTheResponseUrl()
			throws InterruptedException {
		this.handler.hold();
		String path = "/hooks/commands/" + unique();

		GatewayHttp.Response response = slash(slashCommand(mattermost.baseUrl() + path, "slow"), SLASH_TOKEN);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).isEmpty();
		assertThat(this.handler.awaitStarted()).isTrue();
		assertThat(this.handler.finished()).isEmpty();
		this.handler.release();
		await().untilAsserted(() -> mattermost.verify(1,
				postRequestedFor(urlEqualTo(path))
					.withRequestBody(matchingJsonPath("$.response_type", equalTo("in_channel")))
					.withRequestBody(matchingJsonPath("$.text", equalTo("echo: slow")))));
	}

	@Test
	void slashCommandWhenResponseUrlHasExpiredShouldPostWithTheBotToken() {
		String path = "/hooks/commands/" + unique();
		mattermost.stubFor(post(path).willReturn(aResponse().withStatus(400)
			.withBody("{\"id\":\"web.command_webhook.invalid.app_error\",\"status_code\":400}")));

		slashRepliedAfterTheAnswer(mattermost.baseUrl() + path, "late");

		await().untilAsserted(() -> mattermost.verify(1,
				postRequestedFor(urlEqualTo("/api/v4/posts"))
					.withHeader("Authorization", equalTo("Bearer " + BOT_TOKEN))
					.withRequestBody(matchingJsonPath("$.channel_id", equalTo("cniah6qa73bjjjan6mzn11f4ie")))
					.withRequestBody(matchingJsonPath("$.message", equalTo("echo: late")))));
	}

	@Test
	void slashCommandWhenResponseUrlIsOnAnotherLoopbackHostShouldPostWithTheBotTokenOnly() {
		// 127.0.0.2 reaches the same WireMock, but it is not the server's host
		// (localhost)
		String path = "/hooks/commands/" + unique();

		slashRepliedAfterTheAnswer("http://127.0.0.2:" + mattermost.port() + path, "elsewhere");

		await().untilAsserted(() -> mattermost.verify(1, postRequestedFor(urlEqualTo("/api/v4/posts"))
			.withRequestBody(matchingJsonPath("$.message", equalTo("echo: elsewhere")))));
		mattermost.verify(0, postRequestedFor(urlEqualTo(path)));
	}

	// outgoing webhooks

	@Test
	void outgoingWebhookAsJsonShouldRunWithoutTheTriggerWordAndCommentOnThePost() {
		String postId = unique();
		String body = fixtureText("/chat/mattermost/outgoing-webhook.json").replace(POST_ID, postId);

		GatewayHttp.Response response = this.http.post("/chat/mattermost", body, "Content-Type", "application/json");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).isEqualTo(Map.of("response_type", "comment", "text", "echo: pack get \"st2\""));
		assertThat(this.handler.commands())
			.containsExactly(new ChatCommand(
					new ChatAddress("mattermost", "kwoknj9nwpypzgzy78wkw516qe", "hawos4dqtby53pd64o4a4cmeoo", postId,
							"rnina9994bde8mua79zqcg5hmo", "rnina9994bde8mua79zqcg5hmo", null),
					"pack get \"st2\"", true));
	}

	@Test
	void outgoingWebhookAsFormShouldRunTheSame() {
		String body = fixtureText("/chat/mattermost/outgoing-webhook.txt").replace(POST_ID, unique());

		GatewayHttp.Response response = this.http.post("/chat/mattermost", body, "Content-Type",
				"application/x-www-form-urlencoded");

		assertThat(response.json()).isEqualTo(Map.of("response_type", "comment", "text", "echo: pack get st2"));
		assertThat(this.handler.commands().get(0).addressed()).isTrue();
	}

	@Test
	void outgoingWebhookWithOnlyTheTriggerWordShouldAskForHelp() {
		String body = fixtureText("/chat/mattermost/outgoing-webhook.json").replace(POST_ID, unique())
			.replace("\"!st2 pack get \\u201cst2\\u201d\"", "\"!st2\"");

		GatewayHttp.Response response = this.http.post("/chat/mattermost", body, "Content-Type", "application/json");

		assertThat(response.json()).containsEntry("text", "echo: help");
	}

	@Test
	void outgoingWebhookWithoutTriggerWordShouldRunUnaddressed() {
		String body = fixtureText("/chat/mattermost/outgoing-webhook.json").replace(POST_ID, unique())
			.replace("\"trigger_word\": \"!st2\"", "\"trigger_word\": \"\"");

		this.http.post("/chat/mattermost", body, "Content-Type", "application/json");

		assertThat(this.handler.commands().get(0).text()).isEqualTo("!st2 pack get \"st2\"");
		assertThat(this.handler.commands().get(0).addressed()).isFalse();
	}

	@Test
	void outgoingWebhookWhenThePostIsAReplyShouldPostToTheThreadRoot() {
		String postId = unique();
		mattermost.stubFor(get("/api/v4/posts/" + postId)
			.willReturn(okJson(fixtureText("/chat/mattermost/post-reply.json").replace(POST_ID, postId))));
		String body = fixtureText("/chat/mattermost/outgoing-webhook.json").replace(POST_ID, postId);

		GatewayHttp.Response response = this.http.post("/chat/mattermost", body, "Content-Type", "application/json");

		assertThat(response.json()).isEmpty();
		await().untilAsserted(() -> mattermost.verify(1,
				postRequestedFor(urlEqualTo("/api/v4/posts"))
					.withRequestBody(matchingJsonPath("$.root_id", equalTo("w8oyw5qn4fdk5mmzyxtyqpg1ya")))
					.withRequestBody(matchingJsonPath("$.message", equalTo("echo: pack get \"st2\"")))));
	}

	@Test
	void outgoingWebhookWhenSlowShouldBeAnsweredFirstAndReplyInTheThreadLater() throws InterruptedException {
		this.handler.hold();
		String postId = unique();

		GatewayHttp.Response response = this.http.post("/chat/mattermost",
				fixtureText("/chat/mattermost/outgoing-webhook.json").replace(POST_ID, postId), "Content-Type",
				"application/json");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).isEmpty();
		assertThat(this.handler.awaitStarted()).isTrue();
		assertThat(this.handler.finished()).isEmpty();
		mattermost.verify(0, postRequestedFor(urlEqualTo("/api/v4/posts")));
		this.handler.release();
		await().untilAsserted(() -> mattermost.verify(1,
				postRequestedFor(urlEqualTo("/api/v4/posts"))
					.withHeader("Authorization", equalTo("Bearer " + BOT_TOKEN))
					.withRequestBody(matchingJsonPath("$.channel_id", equalTo("hawos4dqtby53pd64o4a4cmeoo")))
					.withRequestBody(matchingJsonPath("$.root_id", equalTo(postId)))
					.withRequestBody(matchingJsonPath("$.message", equalTo("echo: pack get \"st2\"")))));
	}

	@Test
	void outgoingWebhookWhenDeliveredTwiceShouldRunOnce() {
		String body = fixtureText("/chat/mattermost/outgoing-webhook.json").replace(POST_ID, unique());

		assertThat(this.http.post("/chat/mattermost", body, "Content-Type", "application/json").status())
			.isEqualTo(200);
		GatewayHttp.Response again = this.http.post("/chat/mattermost", body, "Content-Type", "application/json");

		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json()).isEmpty();
		assertThat(this.handler.commands()).hasSize(1);
	}

	@Test
	void replyWhenLongerThanAPostShouldBeSplitInOrderInTheThread() {
		String line = "st2 output line ".repeat(8);
		String text = String.join("\n", Collections.nCopies(300, line));
		this.handler.answer((command) -> List.of(ChatReply.of(command.address(), text)));
		String postId = unique();

		GatewayHttp.Response response = this.http.post("/chat/mattermost",
				fixtureText("/chat/mattermost/outgoing-webhook.json").replace(POST_ID, postId), "Content-Type",
				"application/json");

		assertThat(response.json()).isEmpty();
		await().untilAsserted(() -> assertThat(posts()).hasSize(3));
		List<String> parts = new ArrayList<>();
		for (JsonNode post : posts()) {
			assertThat(post.path("root_id").asString()).isEqualTo(postId);
			assertThat(post.path("message").asString().length()).isLessThanOrEqualTo(16383);
			parts.add(post.path("message").asString());
		}
		assertThat(String.join("\n", parts).replace(MessageSplitter.CONTINUED, "")).isEqualTo(text);
	}

	@Test
	void replyWhenMattermostAnswers429ShouldWaitRetryAfterAndPostOnce() {
		this.handler.hold();
		stubInTurn(mattermost, () -> post("/api/v4/posts"), aResponse().withStatus(429).withHeader("Retry-After", "2"),
				okJson(fixtureText("/chat/mattermost/post-created.json")).withStatus(201));

		this.http.post("/chat/mattermost",
				fixtureText("/chat/mattermost/outgoing-webhook.json").replace(POST_ID, unique()), "Content-Type",
				"application/json");
		this.handler.release();

		await().untilAsserted(() -> assertThat(posts()).hasSize(2));
		assertThat(this.sleeper.waits()).containsExactly(Duration.ofSeconds(2));
	}

	@Test
	void whisperShouldBeAnEphemeralPostForTheUser() {
		this.handler.answer((command) -> List.of(new ChatReply(command.address(), "psst", Map.of(), true)));
		String postId = unique();

		GatewayHttp.Response response = this.http.post("/chat/mattermost",
				fixtureText("/chat/mattermost/outgoing-webhook.json").replace(POST_ID, postId), "Content-Type",
				"application/json");

		assertThat(response.json()).isEmpty();
		await().untilAsserted(() -> mattermost.verify(1,
				postRequestedFor(urlEqualTo("/api/v4/posts/ephemeral"))
					.withRequestBody(matchingJsonPath("$.user_id", equalTo("rnina9994bde8mua79zqcg5hmo")))
					.withRequestBody(matchingJsonPath("$.post.channel_id", equalTo("hawos4dqtby53pd64o4a4cmeoo")))
					.withRequestBody(matchingJsonPath("$.post.root_id", equalTo(postId)))
					.withRequestBody(matchingJsonPath("$.post.message", equalTo("psst")))));
		mattermost.verify(0, postRequestedFor(urlEqualTo("/api/v4/posts")));
	}

	@Test
	void whisperWhenTheBotMayNotPostEphemeralShouldMentionTheUserInTheChannel() {
		mattermost.stubFor(post("/api/v4/posts/ephemeral")
			.willReturn(okJson(fixtureText("/chat/mattermost/forbidden.json")).withStatus(403)));
		this.handler.answer((command) -> List.of(new ChatReply(command.address(), "psst", Map.of(), true)));

		this.http.post("/chat/mattermost",
				fixtureText("/chat/mattermost/outgoing-webhook.json").replace(POST_ID, unique()), "Content-Type",
				"application/json");

		await().untilAsserted(() -> mattermost.verify(1, postRequestedFor(urlEqualTo("/api/v4/posts"))
			.withRequestBody(matchingJsonPath("$.message", equalTo("@somename psst")))));
	}

	@Test
	void replyWhenExtraMattermostIsGivenShouldCarryAnAttachment() {
		Map<String, Object> extra = Map.of("mattermost", Map.of("color", "#ff0000", "title", "Failed"));
		this.handler.answer((command) -> List.of(new ChatReply(command.address(), "status: failed", extra, false)));

		GatewayHttp.Response response = slash(slashCommand(mattermost.baseUrl() + "/hooks/commands/y", "x"),
				SLASH_TOKEN);

		assertThat(response.json()).containsEntry("response_type", "in_channel").containsEntry("text", "");
		assertThat(response.body()).contains("\"color\":\"#ff0000\"")
			.contains("\"title\":\"Failed\"")
			.contains("\"text\":\"status: failed\"");
	}

	// refusals

	@Test
	void requestsWithoutTheRightTokenShouldBeRefusedAndRunNothing() {
		String command = slashCommand(mattermost.baseUrl() + "/hooks/commands/z", "pack get st2");
		assertUnauthorized(slash(command, "wrong-token"));
		assertUnauthorized(this.http.post("/chat/mattermost", command.replace(SLASH_TOKEN, "wrong-token"),
				"Content-Type", "application/x-www-form-urlencoded", "Authorization", "Token " + SLASH_TOKEN));
		assertUnauthorized(this.http.post("/chat/mattermost", command.replace("token=" + SLASH_TOKEN + "&", ""),
				"Content-Type", "application/x-www-form-urlencoded"));
		String webhook = fixtureText("/chat/mattermost/outgoing-webhook.json").replace(POST_ID, unique());
		assertUnauthorized(this.http.post("/chat/mattermost",
				webhook.replace(WEBHOOK_TOKEN, "zmigewsanbbsdf59xnmduzypjd"), "Content-Type", "application/json"));
		assertUnauthorized(this.http.post("/chat/mattermost", webhook.replace(WEBHOOK_TOKEN, ""), "Content-Type",
				"application/json"));
		assertUnauthorized(this.http.post("/chat/mattermost", "{not json", "Content-Type", "application/json",
				"Authorization", "Token wrong"));
		fence();
		assertThat(this.handler.commands()).extracting(ChatCommand::text).containsExactly("fence");
		mattermost.verify(0, postRequestedFor(urlPathMatching("/.*")));
	}

	@Test
	void requestsWhenMalformedShouldBeRefusedAndRunNothing() {
		assertInvalid(this.http.post("/chat/mattermost", "{not json", "Content-Type", "application/json"));
		assertInvalid(this.http.post("/chat/mattermost", "[\"token\"]", "Content-Type", "application/json"));
		assertInvalid(this.http.post("/chat/mattermost", "token=" + SLASH_TOKEN + "&command=%2Fst2&text=%zz",
				"Content-Type", "application/x-www-form-urlencoded"));
		assertInvalid(this.http.post("/chat/mattermost", "token=" + SLASH_TOKEN + "&command=%2Fst2&user_id=u1",
				"Content-Type", "application/x-www-form-urlencoded"));
		GatewayHttp.Response plain = this.http.post("/chat/mattermost", "token=" + SLASH_TOKEN, "Content-Type",
				"text/plain");
		assertThat(plain.status()).isEqualTo(415);
		fence();
		assertThat(this.handler.commands()).extracting(ChatCommand::text).containsExactly("fence");
	}

	// helpers

	private void fence() {
		int before = this.handler.finished().size();
		slash(slashCommand(mattermost.baseUrl() + "/hooks/commands/fence", "fence"), SLASH_TOKEN);
		await().untilAsserted(() -> assertThat(this.handler.finished()).hasSize(before + 1));
	}

	private List<JsonNode> posts() {
		List<JsonNode> bodies = new ArrayList<>();
		for (LoggedRequest request : mattermost.findAll(postRequestedFor(urlEqualTo("/api/v4/posts")))) {
			bodies.add(this.json.readTree(request.getBodyAsString()));
		}
		return bodies;
	}

	/**
	 * Sends a slash command whose reply is ready only after the gateway answered it, so
	 * that the reply goes out later, through the response URL or with the bot token.
	 */
	private void slashRepliedAfterTheAnswer(String responseUrl, String text) {
		this.handler.hold();
		slash(slashCommand(responseUrl, text), SLASH_TOKEN);
		this.handler.release();
	}

	private GatewayHttp.Response slash(String body, String headerToken) {
		return this.http.post("/chat/mattermost", body, "Content-Type", "application/x-www-form-urlencoded",
				"Authorization", "Token " + headerToken, "Accept", "application/json");
	}

	/** A slash command the way Mattermost sends it (server/channels/app/command.go). */
	private static String slashCommand(String responseUrl, String text) {
		return "token=" + SLASH_TOKEN + "&team_id=rdc9bgriktyx9p4kowh3dmgqyc&team_domain=someteam"
				+ "&channel_id=cniah6qa73bjjjan6mzn11f4ie&channel_name=town-square&user_id=c3a4cqe3dfy6dgopqt8ai3hydh"
				+ "&user_name=somename&command=%2Fst2&text=" + encode(text) + "&trigger_id=" + unique()
				+ "&response_url=" + encode(responseUrl);
	}

	private static void assertUnauthorized(GatewayHttp.Response response) {
		assertProblem(response, 401, "unauthorized", SLASH_TOKEN, WEBHOOK_TOKEN);
	}

	private static void assertInvalid(GatewayHttp.Response response) {
		assertProblem(response, 400, "invalid-request");
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String unique() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 26);
	}

}
