package io.github.st2chatops.gateway.relay;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.st2chatops.gateway.chat.InquiryProperties;
import io.github.st2chatops.gateway.support.GatewayHttp;
import io.github.st2chatops.gateway.support.St2WireMock;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.github.st2chatops.gateway.chat.WebhookTestSupport.assertProblem;
import static io.github.st2chatops.gateway.chat.WebhookTestSupport.fixtureText;
import static io.github.st2chatops.gateway.chat.WebhookTestSupport.slackSigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Approvals in chat end to end: the service on a random port, WireMock as st2 (its API
 * and auth service, answers shaped as st2's inquiries controller and executions API send
 * them), as Slack's Web API and response URLs, and as Mattermost. An inquiry is announced
 * as the pack's rule does, posted with buttons into the thread its workflow started in,
 * and answered by a click as the clicking user's own st2 identity.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "gateway.st2.username=chatops_bot", "gateway.st2.password=s3cr3t-service-password",
				"gateway.st2.retry.max-retries=0", "gateway.catalog.refresh-interval=1h",
				"gateway.st2.impersonation.enabled=true",
				"gateway.st2.impersonation.users=slack:U0ALICE=alice,mattermost:mm0alice=alice,api:ops-bot=alice",
				"gateway.relay.token=" + InquiryIntegrationTests.RELAY_TOKEN,
				"gateway.chat.slack.signing-secret=" + InquiryIntegrationTests.SLACK_SECRET,
				"gateway.chat.slack.bot-token=xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy",
				"gateway.chat.mattermost.token=mattermost-slash-command-token",
				"gateway.chat.mattermost.bot-token=mattermost-bot-token-000000000",
				"gateway.inquiry.public-url=https://chatops.example.com",
				"gateway.inquiry.signing-secret=" + InquiryIntegrationTests.SIGNING_SECRET,
				"gateway.inquiry.routes.ops=slack:C0OPS", "gateway.api.keys.ops.token=ops-secret-token-0002",
				"gateway.api.keys.ops.user=ops-bot" })
class InquiryIntegrationTests {

	static final String RELAY_TOKEN = "relay-token-for-inquiry-tests-0001";

	static final String SLACK_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

	static final String SIGNING_SECRET = "inquiry-signing-secret-0123456789abcdef";

	static final String INQUIRY = "6720a1f0c9d4e1000a1b2c3d";

	static final String ROOT = "6720a1e0c9d4e1000a1b2c01";

	static final String ALICE_TOKEN = "a11ce0000f946e98faea4d5b1f1a7f11";

	static final String GATEWAY_TOKEN = "5e86421776f946e98faea4d5b1f1a7f1";

	static final WireMockServer st2 = new WireMockServer(options().dynamicPort().templatingEnabled(true));

	static final WireMockServer chat = new WireMockServer(options().dynamicPort());

	static final AtomicLong sequence = new AtomicLong(1_764_993_700L);

	static {
		st2.start();
		chat.start();
	}

	@DynamicPropertySource
	static void urls(DynamicPropertyRegistry registry) {
		registry.add("gateway.st2.url", st2::baseUrl);
		registry.add("gateway.chat.slack.api-url", () -> chat.baseUrl() + "/api");
		registry.add("gateway.chat.mattermost.url", chat::baseUrl);
	}

	@AfterAll
	static void stop() {
		st2.stop();
		chat.stop();
	}

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meterRegistry;

	GatewayHttp http;

	@BeforeEach
	void setUp() {
		st2.resetAll();
		chat.resetAll();
		this.http = new GatewayHttp(this.port);
		st2.stubFor(post("/auth/v1/tokens").withRequestBody(matchingJsonPath("$.user", absent()))
			.willReturn(St2WireMock.token(GATEWAY_TOKEN, Instant.now().plusSeconds(86_400))));
		st2.stubFor(post("/auth/v1/tokens").withRequestBody(equalToJson("{\"user\": \"alice\"}", true, true))
			.willReturn(St2WireMock.json(201,
					"{\"user\": \"alice\", \"token\": \"" + ALICE_TOKEN + "\", \"expiry\": \""
							+ St2WireMock.ST2_ISOTIME.format(Instant.now().plusSeconds(86_400))
							+ "\", \"id\": \"6720a1f0c9d4e1000a1b2caa\", \"metadata\": {}}")));
		st2.stubFor(get("/api/v1/inquiries/" + INQUIRY)
			.willReturn(St2WireMock.json(200, fixtureText("/relay/inquiries/inquiry-approve.json"))));
		st2.stubFor(get("/api/v1/executions/" + INQUIRY)
			.willReturn(St2WireMock.json(200, fixtureText("/relay/inquiries/execution-inquiry.json"))));
		st2.stubFor(get("/api/v1/executions/" + ROOT)
			.willReturn(St2WireMock.json(200, fixtureText("/relay/inquiries/execution-root-from-slack.json"))));
		st2.stubFor(put("/api/v1/inquiries/" + INQUIRY)
			.willReturn(St2WireMock.json(200, "{\"id\": \"" + INQUIRY + "\", \"response\": {\"approved\": true}}")));
		chat.stubFor(post("/api/chat.postMessage").willReturn(okJson(
				"{\"ok\": true, \"channel\": \"C0123456789\", \"ts\": \"1764993601.000200\", \"message\": {}}")));
		chat.stubFor(post("/api/chat.postEphemeral").willReturn(okJson("{\"ok\": true, \"message_ts\": \"1.2\"}")));
		chat.stubFor(post(urlPathMatching("/actions/.*")).willReturn(okJson("{\"ok\": true}")));
	}

	@Test
	void announcedInquiryShouldBePostedOnceToTheStartingThreadWithButtons() {
		GatewayHttp.Response first = announce(INQUIRY, "");
		GatewayHttp.Response again = announce(INQUIRY, "");

		assertThat(first.status()).isEqualTo(202);
		assertThat(again.status()).isEqualTo(202);
		assertThat(again.json()).containsEntry("status", "duplicate");
		chat.verify(1, postRequestedFor(urlEqualTo("/api/chat.postMessage"))
			.withRequestBody(matchingJsonPath("$.channel", equalTo("C0123456789")))
			.withRequestBody(matchingJsonPath("$.thread_ts", equalTo("1764993598.000100")))
			.withRequestBody(matchingJsonPath("$.blocks[0].text.text",
					com.github.tomakehurst.wiremock.client.WireMock.containing("Deploy web 1.4.2 to production?")))
			.withRequestBody(matchingJsonPath("$.blocks[0].text.text",
					com.github.tomakehurst.wiremock.client.WireMock.containing("Expires at 2026-12-07 04:00 UTC")))
			.withRequestBody(matchingJsonPath("$.blocks[1].elements[0].value", equalTo(INQUIRY + " true")))
			.withRequestBody(matchingJsonPath("$.blocks[1].elements[1].value", equalTo(INQUIRY + " false"))));
	}

	@Test
	void announceWithoutTheRelayTokenShouldBeRefused() {
		GatewayHttp.Response response = this.http.postJson("/api/v1/st2/inquiries", "wrong-token",
				"{\"id\": \"" + INQUIRY + "\", \"route\": \"\"}");

		assertProblem(response, 401, "unauthorized", RELAY_TOKEN);
		st2.verify(0, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathMatching("/api/.*")));
	}

	@Test
	void announceWithAnIdThatIsNotAnInquiryIdShouldBe400AndAskNothing() {
		GatewayHttp.Response response = this.http.postJson("/api/v1/st2/inquiries", RELAY_TOKEN,
				"{\"id\": \"../executions\", \"route\": \"\"}");

		assertProblem(response, 400, "invalid-request", RELAY_TOKEN);
		assertThat((String) response.json().get("detail"))
			.endsWith("with an id of at most 64 letters, digits, '-' or '_'.");
		st2.verify(0, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathMatching("/api/.*")));
	}

	@Test
	void announceWhenSt2CannotBeAskedShouldAnswer503NamingSt2AndPostNothing() {
		st2.stubFor(get("/api/v1/inquiries/" + INQUIRY)
			.willReturn(St2WireMock.json(503, "{\"faultstring\": \"Service Unavailable\"}")));

		GatewayHttp.Response response = announce(INQUIRY, "");

		assertProblem(response, 503, "unavailable", RELAY_TOKEN);
		assertThat(response.header("Retry-After")).isEqualTo("30");
		assertThat((String) response.json().get("detail"))
			.isEqualTo("st2 could not be asked about the inquiry; nothing was posted. Send it again later.");
		chat.verify(0, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
	}

	@Test
	void inquiryNotStartedFromChatShouldGoToItsRoutesChannelOrNowhere() {
		String other = "6720a1f0c9d4e1000a1b2c99";
		stubInquiryNotStartedFromChat(other);

		assertThat(announce(other, "ops").status()).isEqualTo(202);
		chat.verify(1, postRequestedFor(urlEqualTo("/api/chat.postMessage"))
			.withRequestBody(matchingJsonPath("$.channel", equalTo("C0OPS"))));

		double before = this.meterRegistry.counter("gateway.inquiries.unroutable").count();
		String third = "6720a1f0c9d4e1000a1b2c98";
		stubInquiryNotStartedFromChat(third);
		assertThat(announce(third, "nowhere").status()).isEqualTo(202);
		assertThat(this.meterRegistry.counter("gateway.inquiries.unroutable").count()).isEqualTo(before + 1);
		chat.verify(1, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
	}

	@Test
	void slackClickShouldAnswerAsTheClickingUserAndUpdateTheMessage() {
		String responsePath = "/actions/T0TEAM/" + sequence.incrementAndGet() + "/approve";

		GatewayHttp.Response response = click(responsePath, true);

		assertThat(response.status()).isEqualTo(200);
		await().untilAsserted(() -> chat.verify(1, postRequestedFor(urlEqualTo(responsePath))
			.withRequestBody(matchingJsonPath("$.replace_original", equalTo("true")))
			.withRequestBody(matchingJsonPath("$.text", equalTo("Approved by @U0ALICE (st2 inquiry " + INQUIRY + ").")))
			.withRequestBody(matchingJsonPath("$.blocks[0].type", equalTo("section")))
			.withRequestBody(matchingJsonPath("$.blocks[1].type", equalTo("context")))
			.withRequestBody(matchingJsonPath("$.blocks[2]", absent()))));
		verifyApprovedAsAlice();
	}

	@Test
	void slackClickWithAResponseUrlOffSlacksHostsShouldNotFollowItAndAnswerWithTheBotToken() {
		String responsePath = "/actions/T0TEAM/" + sequence.incrementAndGet() + "/elsewhere";
		// the same WireMock under another host name: not one of the allowed hosts
		String responseUrl = chat.baseUrl().replace("localhost", "127.0.0.1") + responsePath;

		assertThat(clickAt(responseUrl).status()).isEqualTo(200);

		await()
			.untilAsserted(() -> chat.verify(1, postRequestedFor(urlEqualTo("/api/chat.postMessage")).withRequestBody(
					matchingJsonPath("$.text", equalTo("Approved by @U0ALICE (st2 inquiry " + INQUIRY + ").")))));
		chat.verify(0, postRequestedFor(urlEqualTo(responsePath)));
		st2.verify(1, putRequestedFor(urlEqualTo("/api/v1/inquiries/" + INQUIRY)).withHeader("X-Auth-Token",
				equalTo(ALICE_TOKEN)));
	}

	@Test
	void slackClickOnAnAnsweredInquiryShouldAnswerNothingAndTellOnlyTheClicker() {
		st2.stubFor(get("/api/v1/inquiries/" + INQUIRY)
			.willReturn(St2WireMock.fault(400, "Inquiry \\\"" + INQUIRY + "\\\" has already been responded to.")));
		String responsePath = "/actions/T0TEAM/" + sequence.incrementAndGet() + "/second";

		assertThat(click(responsePath, true).status()).isEqualTo(200);

		await().untilAsserted(() -> chat.verify(1, postRequestedFor(urlEqualTo(responsePath))
			.withRequestBody(matchingJsonPath("$.response_type", equalTo("ephemeral")))
			.withRequestBody(
					matchingJsonPath("$.text", equalTo("That inquiry was already answered; nothing changed.")))));
		st2.verify(0, putRequestedFor(urlPathMatching("/api/v1/inquiries/.*")));
	}

	@Test
	void slackClickOnAnExpiredInquiryShouldSaySo() {
		st2.stubFor(get("/api/v1/inquiries/" + INQUIRY).willReturn(
				St2WireMock.fault(400, "Inquiry \\\"" + INQUIRY + "\\\" timed out and cannot be responded to.")));
		String responsePath = "/actions/T0TEAM/" + sequence.incrementAndGet() + "/late";

		click(responsePath, true);

		await().untilAsserted(() -> chat.verify(1,
				postRequestedFor(urlEqualTo(responsePath))
					.withRequestBody(matchingJsonPath("$.response_type", equalTo("ephemeral")))
					.withRequestBody(matchingJsonPath("$.text",
							com.github.tomakehurst.wiremock.client.WireMock.containing("That inquiry has expired")))));
		st2.verify(0, putRequestedFor(urlPathMatching("/api/v1/inquiries/.*")));
	}

	@Test
	void unsignedSlackInteractionShouldBeRefusedAndAnswerNothing() {
		String body = "payload="
				+ URLEncoder.encode(payload(chat.baseUrl() + "/actions/x/unsigned"), StandardCharsets.UTF_8);

		GatewayHttp.Response response = this.http.post("/chat/slack/interactions", body, "Content-Type",
				"application/x-www-form-urlencoded", "X-Slack-Request-Timestamp",
				String.valueOf(Instant.now().getEpochSecond()), "X-Slack-Signature", "v0=" + "0".repeat(64));

		assertProblem(response, 401, "unauthorized", SLACK_SECRET);
		st2.verify(0, putRequestedFor(urlPathMatching("/api/v1/inquiries/.*")));
	}

	@Test
	void mattermostClickShouldAnswerAsTheClickingUserAndUpdateThePost() {
		String signature = new InquiryProperties(Map.of(), null, SIGNING_SECRET).sign(INQUIRY, "true");

		GatewayHttp.Response response = this.http.post("/chat/mattermost/actions",
				mattermostCallback("true", signature), "Content-Type", "application/json");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).containsEntry("update",
				Map.of("message", "Approved by @mm0alice (st2 inquiry " + INQUIRY + ").", "props",
						Map.of("attachments", java.util.List.of())));
		verifyApprovedAsAlice();
	}

	@Test
	void forgedMattermostCallbackShouldBeRefusedAndAnswerNothing() {
		// a valid signature of another answer: the answer cannot be swapped
		String signature = new InquiryProperties(Map.of(), null, SIGNING_SECRET).sign(INQUIRY, "false");

		GatewayHttp.Response response = this.http.post("/chat/mattermost/actions",
				mattermostCallback("true", signature), "Content-Type", "application/json");

		assertProblem(response, 401, "unauthorized", SIGNING_SECRET);
		st2.verify(0, putRequestedFor(urlPathMatching("/api/v1/inquiries/.*")));
	}

	@Test
	void textFormShouldListAndAnswerAsTheCaller() {
		st2.stubFor(get(urlPathEqualTo("/api/v1/inquiries"))
			.willReturn(St2WireMock.json(200, "[" + fixtureText("/relay/inquiries/inquiry-approve.json") + "]")));

		Map<String, Object> listed = this.http.postJson("/api/v1/commands", "ops-secret-token-0002", """
				{"text": "!st2 inquiry list"}""").json();
		Map<String, Object> answered = this.http
			.postJson("/api/v1/commands", "ops-secret-token-0002",
					"{\"text\": \"!st2 inquiry respond " + INQUIRY + " yes\"}")
			.json();
		Map<String, Object> bad = this.http
			.postJson("/api/v1/commands", "ops-secret-token-0002",
					"{\"text\": \"!st2 inquiry respond " + INQUIRY + " maybe\"}")
			.json();

		assertThat(listed).containsEntry("outcome", "inquiries");
		assertThat((String) listed.get("reply")).contains(INQUIRY)
			.contains("Deploy web 1.4.2 to production?")
			.contains("anyone may answer")
			.contains("!st2 inquiry respond " + INQUIRY + " yes");
		assertThat(answered).containsEntry("outcome", "answered")
			.containsEntry("reply", "Approved by @ops-bot (st2 inquiry " + INQUIRY + ").");
		assertThat(bad).containsEntry("outcome", "refused")
			.containsEntry("reply", "'approved' is yes or no; 'maybe' is neither. Nothing was answered.");
		st2.verify(1,
				com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/api/v1/inquiries"))
					.withHeader("X-Auth-Token", equalTo(ALICE_TOKEN)));
		st2.verify(1, putRequestedFor(urlEqualTo("/api/v1/inquiries/" + INQUIRY)).withHeader("X-Auth-Token",
				equalTo(ALICE_TOKEN)));
	}

	private GatewayHttp.Response announce(String id, String route) {
		return this.http.postJson("/api/v1/st2/inquiries", RELAY_TOKEN,
				"{\"id\": \"" + id + "\", \"route\": \"" + route + "\"}");
	}

	private GatewayHttp.Response click(String responsePath, boolean signed) {
		return clickAt(chat.baseUrl() + responsePath);
	}

	private GatewayHttp.Response clickAt(String responseUrl) {
		byte[] body = ("payload=" + URLEncoder.encode(payload(responseUrl), StandardCharsets.UTF_8))
			.getBytes(StandardCharsets.UTF_8);
		String[] signature = slackSigned(SLACK_SECRET, Instant.now(), body);
		return this.http.postBytes("/chat/slack/interactions", body, "Content-Type",
				"application/x-www-form-urlencoded", signature[0], signature[1], signature[2], signature[3]);
	}

	private String payload(String responseUrl) {
		return fixtureText("/relay/inquiries/block-actions.json").replace("RESPONSE_URL", responseUrl)
			.replace("ACTION_TS", sequence.incrementAndGet() + ".000300");
	}

	private static String mattermostCallback(String answer, String signature) {
		return """
				{"user_id": "mm0alice", "user_name": "alice", "channel_id": "mmchannel01", "channel_name": "deploys",
				 "team_id": "mmteam01", "team_domain": "example", "post_id": "mmpost%d", "trigger_id": "trig",
				 "type": "", "data_source": "",
				 "context": {"inquiry": "%s", "answer": "%s", "signature": "%s"}}"""
			.formatted(sequence.incrementAndGet(), INQUIRY, answer, signature);
	}

	/**
	 * st2 has another inquiry, of a workflow that was not started from chat (no source
	 * channel in its context).
	 */
	private static void stubInquiryNotStartedFromChat(String id) {
		st2.stubFor(get("/api/v1/inquiries/" + id).willReturn(
				St2WireMock.json(200, fixtureText("/relay/inquiries/inquiry-approve.json").replace(INQUIRY, id))));
		st2.stubFor(get("/api/v1/executions/" + id)
			.willReturn(St2WireMock.json(200, "{\"id\": \"" + id + "\", \"status\": \"pending\", \"context\": {}}")));
	}

	/** st2 got one answer to the inquiry, {@code approved}, as Alice's own identity. */
	private static void verifyApprovedAsAlice() {
		st2.verify(1,
				putRequestedFor(urlEqualTo("/api/v1/inquiries/" + INQUIRY))
					.withHeader("X-Auth-Token", equalTo(ALICE_TOKEN))
					.withRequestBody(equalToJson("{\"id\": \"" + INQUIRY + "\", \"response\": {\"approved\": true}}")));
	}

}
