package io.github.st2chatops.gateway.relay;

import io.github.st2chatops.gateway.support.GatewayHttp;
import io.github.st2chatops.gateway.support.StubServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pushed results reach the platform a command came from through that platform's own
 * sender, in the same channel and thread: Slack, Mattermost and the generic webhook, each
 * API played by WireMock with its documented answers.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "gateway.st2.url=http://127.0.0.1:9", "gateway.st2.api-key=test-api-key",
				"gateway.chat.slack.signing-secret=8f742231b10e8888abcd99yyyzzz85a5",
				"gateway.chat.slack.bot-token=" + NotificationPlatformsIntegrationTests.SLACK_BOT_TOKEN,
				"gateway.chat.mattermost.token=xr3j5x3p4pfk8nqs7ffmd6sh3e",
				"gateway.chat.mattermost.bot-token=" + NotificationPlatformsIntegrationTests.MATTERMOST_BOT_TOKEN,
				"gateway.chat.generic.secret=generic-secret-0123456789",
				// the reply URLs below are on 127.0.0.1: allowed here as Slack's
				// hooks.slack.com
				"gateway.chat.slack.response-url-hosts=hooks.slack.com,127.0.0.1" })
class NotificationPlatformsIntegrationTests extends NotificationPushTestBase {

	static final String SLACK_BOT_TOKEN = "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy";

	static final String MATTERMOST_BOT_TOKEN = "9xuqwrwgstrb3mzrxb83nb357a";

	@RegisterExtension
	static final StubServer chat = StubServer.serving("gateway.chat.slack.api-url", "/slack/api")
		.andServing("gateway.chat.mattermost.url", "/mattermost")
		.andServing("gateway.chat.generic.callback-url", "/generic/results")
		.resettingBeforeEach();

	@BeforeEach
	void setUp() {
		chat.stubFor(post("/slack/api/chat.postMessage").willReturn(json("slack-chat-postMessage-ok.json")));
		chat.stubFor(post("/slack/api/chat.postEphemeral").willReturn(json("slack-chat-postEphemeral-ok.json")));
		chat.stubFor(get("/mattermost/api/v4/posts/axdygg1957njfe5pu38saikdho")
			.willReturn(json("mattermost-post-root.json")));
		chat.stubFor(post("/mattermost/api/v4/posts").willReturn(json("mattermost-post-created.json").withStatus(201)));
		chat.stubFor(post("/generic/results").willReturn(aResponse().withStatus(200)));
	}

	@Test
	void slackResultShouldGoToTheCommandsThread() {
		GatewayHttp.Response response = push("""
				{"message": "Action core.local completed.{~}stdout : Thu Jul 28 00:30:39 UTC 2016",
				 "channel": "slack:C024BE91L", "user": "U2147483697", "whisper": false, "extra": {},
				 "context": {"platform": "slack", "workspace": "T061EG9R6", "channel": "C024BE91L",
				             "thread": "1700000000.000100", "user_id": "U2147483697", "user_name": "jdoe"}}""");

		assertThat(response.status()).isEqualTo(202);
		chat.verify(1,
				postRequestedFor(urlEqualTo("/slack/api/chat.postMessage"))
					.withHeader("Authorization", equalTo("Bearer " + SLACK_BOT_TOKEN))
					.withRequestBody(matchingJsonPath("$.channel", equalTo("C024BE91L")))
					.withRequestBody(matchingJsonPath("$.thread_ts", equalTo("1700000000.000100")))
					.withRequestBody(containing("Thu Jul 28 00:30:39 UTC 2016")));
	}

	@Test
	void slackWhisperShouldReachOnlyTheUser() {
		GatewayHttp.Response response = push("""
				{"message": "Only for you", "channel": "slack:C024BE91L", "user": "U2147483697", "whisper": true,
				 "context": {"platform": "slack", "channel": "C024BE91L", "user_id": "U2147483697"}}""");

		assertThat(response.status()).isEqualTo(202);
		chat.verify(1,
				postRequestedFor(urlEqualTo("/slack/api/chat.postEphemeral"))
					.withRequestBody(matchingJsonPath("$.channel", equalTo("C024BE91L")))
					.withRequestBody(matchingJsonPath("$.user", equalTo("U2147483697"))));
		chat.verify(0, postRequestedFor(urlEqualTo("/slack/api/chat.postMessage")));
	}

	@Test
	void slackResultWithAnAllowedResponseUrlShouldBePostedThroughIt() {
		GatewayHttp.Response response = pushSlackResultThrough("127.0.0.1", "/hooks/commands/T1/1");

		assertThat(response.status()).isEqualTo(202);
		chat.verify(1, postRequestedFor(urlEqualTo("/hooks/commands/T1/1"))
			.withRequestBody(matchingJsonPath("$.text", equalTo("Action core.local completed."))));
		chat.verify(0, postRequestedFor(urlEqualTo("/slack/api/chat.postMessage")));
	}

	@Test
	void slackResultWithAResponseUrlOnLoopbackShouldBeRefusedAndPostNothing() {
		// 127.0.0.2 reaches the same WireMock, but it is not an allowed host
		GatewayHttp.Response response = pushSlackResultThrough("127.0.0.2", "/hooks/commands/T1/2");

		assertRefusedResponseUrl(response, "127.0.0.2", "gateway.chat.slack.response-url-hosts");
		chat.verify(0, postRequestedFor(urlEqualTo("/hooks/commands/T1/2")));
		chat.verify(0, postRequestedFor(urlEqualTo("/slack/api/chat.postMessage")));
	}

	@Test
	void mattermostResultWithAResponseUrlOnAPrivateAddressShouldBeRefusedAndPostNothing() {
		GatewayHttp.Response response = push("""
				{"message": "Action core.local completed.", "channel": "mattermost:hawos4dqtby53pd64o4a4cmeoo",
				 "context": {"platform": "mattermost", "channel": "hawos4dqtby53pd64o4a4cmeoo",
				             "response_url": "http://192.168.10.20:8065/hooks/commands/abc"}}""");

		assertRefusedResponseUrl(response, "192.168.10.20", "gateway.chat.mattermost.response-url-hosts");
		chat.verify(0, postRequestedFor(urlEqualTo("/mattermost/api/v4/posts")));
	}

	/**
	 * Pushes a Slack result whose command came with a response URL on the chat stub, as
	 * the given host, and lets that URL answer as Slack's does.
	 */
	private GatewayHttp.Response pushSlackResultThrough(String host, String path) {
		chat.stubFor(post(path).willReturn(aResponse().withStatus(200).withBody("ok")));
		return push(slackResult("http://" + host + ":" + chat.port() + path));
	}

	private static String slackResult(String responseUrl) {
		return """
				{"message": "Action core.local completed.", "channel": "slack:C024BE91L",
				 "context": {"platform": "slack", "channel": "C024BE91L", "user_id": "U2147483697",
				             "response_url": "%s"}}""".formatted(responseUrl);
	}

	private static void assertRefusedResponseUrl(GatewayHttp.Response response, String host, String property) {
		assertThat(response.status()).isEqualTo(422);
		assertThat(response.json()).containsEntry("type", "urn:st2-chatops-gateway:problem:unprocessable");
		assertThat((String) response.json().get("detail")).contains("'" + host + "'", property, "Nothing was posted")
			.doesNotContain("/hooks/commands");
	}

	@Test
	void mattermostResultShouldGoToTheCommandsThread() {
		GatewayHttp.Response response = push("""
				{"message": "Action core.local completed.", "channel": "mattermost:hawos4dqtby53pd64o4a4cmeoo",
				 "user": "jdoe", "whisper": false, "extra": {},
				 "context": {"platform": "mattermost", "workspace": "ao4q8ddxbtgkxjmxi8o3p4dbey",
				             "channel": "hawos4dqtby53pd64o4a4cmeoo", "thread": "axdygg1957njfe5pu38saikdho",
				             "user_id": "rnina9994bde8mua79zqcg5hmo", "user_name": "jdoe"}}""");

		assertThat(response.status()).isEqualTo(202);
		chat.verify(1,
				postRequestedFor(urlEqualTo("/mattermost/api/v4/posts"))
					.withHeader("Authorization", equalTo("Bearer " + MATTERMOST_BOT_TOKEN))
					.withRequestBody(matchingJsonPath("$.channel_id", equalTo("hawos4dqtby53pd64o4a4cmeoo")))
					.withRequestBody(matchingJsonPath("$.root_id", equalTo("axdygg1957njfe5pu38saikdho")))
					.withRequestBody(matchingJsonPath("$.message", equalTo("Action core.local completed."))));
	}

	@Test
	void genericResultRoutedByChannelShouldBePostedSignedToTheCallback() {
		GatewayHttp.Response response = push("""
				{"message": "Action core.local completed.", "channel": "generic:ops-room", "user": "alice",
				 "whisper": false, "extra": {"generic": {"severity": "info"}}}""");

		assertThat(response.status()).isEqualTo(202);
		chat.verify(1,
				postRequestedFor(urlEqualTo("/generic/results"))
					.withHeader("X-Gateway-Signature", matching("sha256=[0-9a-f]{64}"))
					.withHeader("X-Gateway-Timestamp", matching("[0-9]+"))
					.withRequestBody(matchingJsonPath("$.channel", equalTo("ops-room")))
					.withRequestBody(matchingJsonPath("$.user", equalTo("alice")))
					.withRequestBody(matchingJsonPath("$.text", equalTo("Action core.local completed.")))
					.withRequestBody(matchingJsonPath("$.extra.generic.severity", equalTo("info"))));
	}

	@Test
	void resultForAPlatformThatIsNotConfiguredShouldBeRefused() {
		GatewayHttp.Response response = push("""
				{"message": "Action core.local completed.", "channel": "teams:19:abc@thread.tacv2",
				 "context": {"platform": "teams", "channel": "19:abc@thread.tacv2"}}""");

		assertThat(response.status()).isEqualTo(422);
		assertThat((String) response.json().get("detail")).contains("'teams'");
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String fixture) {
		return aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody(NotificationPushIntegrationTests.fixture(fixture));
	}

}
