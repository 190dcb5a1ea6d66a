package io.github.st2chatops.gateway.chat.teams;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatCommand;
import io.github.st2chatops.gateway.chat.ChatReply;
import io.github.st2chatops.gateway.chat.DeliveryResult;
import io.github.st2chatops.gateway.chat.MessageSplitter;
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
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Microsoft Teams end to end: the service on a random port, a recording command handler
 * for the pipeline, WireMock as the channel's Workflows webhook.
 */
@TestPropertySource(properties = { "gateway.chat.teams.security-token=" + TeamsWebhookIntegrationTests.SECURITY_TOKEN,
		"gateway.chat.teams.reply-deadline=3s",
		"gateway.chat.teams.max-message-length=" + TeamsWebhookIntegrationTests.LIMIT })
class TeamsWebhookIntegrationTests extends WebhookIntegrationTestBase {

	// base64 of KEY, the security token Teams shows once the outgoing webhook is created
	static final String SECURITY_TOKEN = "dGVhbXMtdGVzdC1zZWN1cml0eS1rZXktMDEyMzQ1Njc4OQ==";

	static final byte[] KEY = Base64.getDecoder().decode(SECURITY_TOKEN);

	static final String CHANNEL = "19:253b1f341670408fb6fcb4541c6cd3cc@thread.tacv2";

	static final String OTHER_CHANNEL = "19:0f7c2a1e3b4d4e5f8a9b0c1d2e3f4a5b@thread.tacv2";

	static final String FROM_ID = "29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB39ATiQWA85gQtHieVkKilBZ9XHoq9j7Zaqt7CZ-NJWi7me2kHTL3Bw";

	static final String AAD_OBJECT_ID = "6e8d3bba-5b0a-4b1f-a2b7-9f4c21e3d8a0";

	static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";

	static final String WORKFLOW_PATH = "/workflows/general/triggers/manual/paths/invoke";

	static final int LIMIT = 300;

	static final AtomicInteger activityIds = new AtomicInteger(1485983500);

	@RegisterExtension
	static final StubServer workflows = StubServer.serving("gateway.chat.teams.workflow-urls[" + CHANNEL + "]",
			WORKFLOW_PATH + "?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sig=s3cr3t");

	@BeforeEach
	void reset() {
		workflows.resetAll();
		workflows.stubFor(post(urlPathEqualTo(WORKFLOW_PATH)).willReturn(aResponse().withStatus(202)));
	}

	/**
	 * The only test that sends the documented activity as it is: its id runs once.
	 */
	@Test
	void documentedActivityShouldRunCommandAndAnswerInline() {
		GatewayHttp.Response response = send(fixture("/chat/teams/outgoing-webhook-message.json"));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).isEqualTo(Map.of("type", "message", "text", "echo: pack get \"st2\""));
		assertThat(this.handler.commands()).singleElement().satisfies((command) -> {
			assertThat(command.address()).isEqualTo(
					new ChatAddress("teams", TENANT, CHANNEL, "1485983194839", AAD_OBJECT_ID, AAD_OBJECT_ID, null));
			assertThat(command.text()).isEqualTo("pack get \"st2\"");
			assertThat(command.addressed()).isTrue();
		});
		assertThat(workflows.getAllServeEvents()).isEmpty();
	}

	@Test
	void missingAuthorizationShouldBeRefused(CapturedOutput output) {
		GatewayHttp.Response response = this.http.postBytes("/chat/teams",
				fixture("/chat/teams/outgoing-webhook-message.json"), "Content-Type", "application/json");

		assertRefused(response);
		assertThat(output).contains("Refused a teams request");
	}

	@Test
	void signatureWithAnotherKeyShouldBeRefusedWithoutSayingWhatWasExpected(CapturedOutput output) {
		byte[] body = fixture("/chat/teams/outgoing-webhook-message.json");
		String expected = TeamsRequestVerifier.authorization(KEY, body);
		GatewayHttp.Response response = this.http.postBytes("/chat/teams", body, "Content-Type", "application/json",
				"Authorization",
				TeamsRequestVerifier.authorization("another key".getBytes(StandardCharsets.UTF_8), body));

		assertRefused(response);
		assertLoggedWithout(response, output, "The HMAC signature does not match", expected.substring(5),
				SECURITY_TOKEN);
	}

	@Test
	void bodyChangedAfterSigningShouldBeRefused() {
		byte[] body = fixture("/chat/teams/outgoing-webhook-message.json");
		String authorization = TeamsRequestVerifier.authorization(KEY, body);
		byte[] changed = new String(body, StandardCharsets.UTF_8).replace("pack get", "pack remove")
			.getBytes(StandardCharsets.UTF_8);

		assertRefused(this.http.postBytes("/chat/teams", changed, "Content-Type", "application/json", "Authorization",
				authorization));
	}

	@Test
	void bearerInsteadOfHmacShouldBeRefused() {
		byte[] body = fixture("/chat/teams/outgoing-webhook-message.json");
		String signature = TeamsRequestVerifier.authorization(KEY, body).substring(5);

		assertRefused(this.http.postBytes("/chat/teams", body, "Content-Type", "application/json", "Authorization",
				"Bearer " + signature));
	}

	@Test
	void repeatedActivityShouldBeAnsweredButRunOnce() {
		byte[] body = this.json.writeValueAsBytes(activity("<at>st2</at> pack get st2", CHANNEL));
		GatewayHttp.Response first = send(body);
		GatewayHttp.Response again = send(body);

		assertThat(first.json()).containsEntry("text", "echo: pack get st2");
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json()).containsEntry("text", TeamsWebhookController.DUPLICATE);
		assertThat(this.handler.commands()).hasSize(1);
	}

	@Test
	void equalActivityIdInAnotherConversationShouldRun() {
		ObjectNode first = activity("<at>st2</at> pack get st2", CHANNEL);
		ObjectNode other = activity("<at>st2</at> pack get st2", OTHER_CHANNEL);
		other.put("id", first.get("id").asString());

		send(this.json.writeValueAsBytes(first));
		GatewayHttp.Response response = send(this.json.writeValueAsBytes(other));

		assertThat(response.json()).doesNotContainEntry("text", TeamsWebhookController.DUPLICATE);
		assertThat(this.handler.commands()).extracting((command) -> command.address().channel())
			.containsExactly(CHANNEL, OTHER_CHANNEL);
	}

	@Test
	void mentionOfAUserBeforeTheWebhooksShouldStayAndTheWebhooksGo() {
		// Bot Framework's shape: the recipient is the webhook, each mention an entity
		ObjectNode activity = activity("<at>Alice</at> <at>st2</at> pack get st2", CHANNEL);
		activity.set("recipient", this.json.readTree("""
				{"id": "28:c9e8c047-2a74-40a2-b28a-b162d5f5327c", "name": "st2"}"""));
		activity.set("entities", this.json.readTree("""
				[{"type": "mention", "text": "<at>Alice</at>",
				  "mentioned": {"id": "29:1P4Dwz3hYmw0QxQhzEf0yBd5jXtQc2PmTbDnMGWbzYUfQ", "name": "Alice"}},
				 {"type": "mention", "text": "<at>st2</at>",
				  "mentioned": {"id": "28:c9e8c047-2a74-40a2-b28a-b162d5f5327c", "name": "st2"}},
				 {"type": "clientInfo", "locale": "en-US", "country": "US", "platform": "Web"}]"""));

		send(this.json.writeValueAsBytes(activity));

		assertThat(this.handler.commands()).extracting(ChatCommand::text).containsExactly("Alice pack get st2");
	}

	@Test
	void slowCommandShouldBeAcknowledgedBeforeItFinishesAndAnsweredThroughTheWorkflow() throws Exception {
		this.handler.hold();
		GatewayHttp.Response response = send(
				this.json.writeValueAsBytes(activity("<at>st2</at> pack get st2", CHANNEL)));

		assertThat(response.json()).containsEntry("text", TeamsWebhookController.WORKING);
		assertThat(this.handler.finished()).isEmpty();
		assertThat(workflows.getAllServeEvents()).isEmpty();
		this.handler.release();
		List<LoggedRequest> posts = awaitRequests(workflows, 1);
		assertThat(cardText(posts.get(0))).isEqualTo("echo: pack get st2");
		assertThat(this.handler.finished()).hasSize(1);
	}

	@Test
	void channelWithoutWorkflowShouldSayResultsAreNotPostedThere() {
		GatewayHttp.Response response = send(
				this.json.writeValueAsBytes(activity("<at>st2</at> pack get st2", OTHER_CHANNEL)));

		assertThat((String) response.json().get("text"))
			.isEqualTo("echo: pack get st2\n\n" + TeamsWebhookController.NOT_RELAYED);
	}

	@Test
	void slowCommandInChannelWithoutWorkflowShouldSaySo() {
		this.handler.hold();
		try {
			GatewayHttp.Response response = send(
					this.json.writeValueAsBytes(activity("<at>st2</at> pack get st2", OTHER_CHANNEL)));

			assertThat(response.json()).containsEntry("text", TeamsWebhookController.WORKING_NOT_RELAYED);
		}
		finally {
			this.handler.release();
		}
	}

	@Test
	void longAnswerShouldBeSplitInlineFirstThenThroughTheWorkflowInOrder() throws Exception {
		String text = numberedLines(40, "of the result");
		this.handler.answerWith(text);
		GatewayHttp.Response response = send(
				this.json.writeValueAsBytes(activity("<at>st2</at> pack get st2", CHANNEL)));

		String first = (String) response.json().get("text");
		assertThat(first.length()).isLessThanOrEqualTo(LIMIT);
		assertThat(first).startsWith("line 1 of").endsWith(MessageSplitter.CONTINUED);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(workflows.getAllServeEvents()
				.stream()
				.anyMatch((event) -> event.getRequest().getBodyAsString().contains("line 40 of the result"))).isTrue());
		List<String> parts = new ArrayList<>();
		parts.add(first);
		for (LoggedRequest post : awaitRequests(workflows, 1)) {
			parts.add(cardText(post));
		}
		assertSplit(parts, LIMIT, text);
	}

	@Test
	void whisperShouldGoToTheChannelWithAMention() {
		this.handler.answer((command) -> List.of(new ChatReply(command.address(), "only for you", Map.of(), true)));
		GatewayHttp.Response response = send(this.json.writeValueAsBytes(activity("<at>st2</at> whoami", CHANNEL)));

		assertThat(response.json()).containsEntry("text", "<at>Megan Bowen</at> only for you")
			.containsEntry("entities", List.of(Map.of("type", "mention", "text", "<at>Megan Bowen</at>", "mentioned",
					Map.of("id", FROM_ID, "name", "Megan Bowen"))));
	}

	@Test
	void resultShouldBePostedAsAnAdaptiveCardToTheChannelsWorkflow() throws Exception {
		ChatAddress address = new ChatAddress("teams", TENANT, CHANNEL, "1485983194839", AAD_OBJECT_ID, AAD_OBJECT_ID,
				null);

		DeliveryResult result = this.delivery.deliver(ChatReply.of(address, "pack get st2 succeeded"));

		assertThat(result).isEqualTo(new DeliveryResult.Delivered(1));
		LoggedRequest post = awaitRequests(workflows, 1).get(0);
		assertThat(post.queryParameter("sig").firstValue()).isEqualTo("s3cr3t");
		JsonNode card = this.json.readTree(post.getBody());
		assertThat(card.get("type").asString()).isEqualTo("message");
		JsonNode attachment = card.get("attachments").get(0);
		assertThat(attachment.get("contentType").asString()).isEqualTo("application/vnd.microsoft.card.adaptive");
		assertThat(attachment.get("content").get("type").asString()).isEqualTo("AdaptiveCard");
		assertThat(attachment.get("content").get("version").asString()).isEqualTo("1.4");
		JsonNode block = attachment.get("content").get("body").get(0);
		assertThat(block.get("type").asString()).isEqualTo("TextBlock");
		assertThat(block.get("text").asString()).isEqualTo("pack get st2 succeeded");
		assertThat(block.get("wrap").asBoolean()).isTrue();
	}

	@Test
	void whisperedResultShouldMentionTheUserByObjectId() throws Exception {
		ChatAddress address = new ChatAddress("teams", TENANT, CHANNEL, null, AAD_OBJECT_ID, "adele", null);

		this.delivery.deliver(new ChatReply(address, "your token", Map.of(), true));

		JsonNode content = this.json.readTree(awaitRequests(workflows, 1).get(0).getBody())
			.get("attachments")
			.get(0)
			.get("content");
		assertThat(content.get("body").get(0).get("text").asString()).isEqualTo("<at>adele</at> your token");
		JsonNode mention = content.get("msteams").get("entities").get(0);
		assertThat(mention.get("text").asString()).isEqualTo("<at>adele</at>");
		assertThat(mention.get("mentioned").get("id").asString()).isEqualTo(AAD_OBJECT_ID);
	}

	@Test
	void workflowAnswering429ShouldBeRetriedAfterRetryAfter() {
		stubInTurn(workflows, () -> post(urlPathEqualTo(WORKFLOW_PATH)),
				aResponse().withStatus(429).withHeader("Retry-After", "3"), aResponse().withStatus(202));
		ChatAddress address = new ChatAddress("teams", TENANT, CHANNEL, null, null, null, null);

		DeliveryResult result = this.delivery.deliver(ChatReply.of(address, "done"));

		assertThat(result).isEqualTo(new DeliveryResult.Delivered(2));
		assertThat(this.sleeper.waits()).containsExactly(Duration.ofSeconds(3));
	}

	@Test
	void resultForChannelWithoutWorkflowShouldBeRejected(CapturedOutput output) {
		ChatAddress address = new ChatAddress("teams", TENANT, OTHER_CHANNEL, null, null, null, null);

		DeliveryResult result = this.delivery.deliver(ChatReply.of(address, "done"));

		assertThat(result).isInstanceOf(DeliveryResult.Rejected.class);
		assertThat(this.sleeper.waits()).isEmpty();
		assertThat(output).contains("no Workflows webhook is configured for Teams channel " + OTHER_CHANNEL);
	}

	@Test
	void failedWorkflowCallShouldNotLogTheUrl(CapturedOutput output) {
		workflows.stubFor(post(urlPathEqualTo(WORKFLOW_PATH)).willReturn(aResponse().withStatus(400)));
		ChatAddress address = new ChatAddress("teams", TENANT, CHANNEL, null, null, null, null);

		assertThat(this.delivery.deliver(ChatReply.of(address, "done"))).isInstanceOf(DeliveryResult.Rejected.class);
		assertThat(output).contains("teams webhook refused the message with 400").doesNotContain("s3cr3t");
	}

	@Test
	void onlyTheTeamsPlatformShouldBeOn() {
		assertOnlyPlatformOn("teams", "/chat/generic");
	}

	private GatewayHttp.Response send(byte[] body) {
		return this.http.postBytes("/chat/teams", body, "Content-Type", "application/json; charset=utf-8",
				"Authorization", TeamsRequestVerifier.authorization(KEY, body));
	}

	private void assertRefused(GatewayHttp.Response response) {
		assertProblem(response, 401, "unauthorized", SECURITY_TOKEN);
		assertThat(this.handler.commands()).isEmpty();
	}

	/** The documented activity with a fresh id, another text and channel. */
	private ObjectNode activity(String text, String channel) {
		ObjectNode activity = (ObjectNode) this.json.readTree(fixture("/chat/teams/outgoing-webhook-message.json"));
		activity.put("id", Integer.toString(activityIds.incrementAndGet()));
		activity.put("text", text);
		((ObjectNode) activity.get("conversation")).put("id", channel + ";messageid=1485983194839");
		ObjectNode channelData = (ObjectNode) activity.get("channelData");
		channelData.put("teamsChannelId", channel);
		((ObjectNode) channelData.get("channel")).put("id", channel);
		return activity;
	}

	private String cardText(LoggedRequest post) {
		return this.json.readTree(post.getBody())
			.get("attachments")
			.get(0)
			.get("content")
			.get("body")
			.get(0)
			.get("text")
			.asString();
	}

}
