package io.github.st2chatops.gateway.relay;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.st2chatops.gateway.support.GatewayHttp;
import io.github.st2chatops.gateway.support.StubServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Long results as files (issue 21): through POST /api/v1/st2/notifications, a result
 * longer than three of the platform's messages reaches Slack through its external upload
 * flow and Mattermost through its file upload, as one file with the first lines as the
 * message, in the command's thread. A failed upload falls back to parts (the first says
 * so), and a retried notification uploads nothing twice. WireMock plays both APIs with
 * their documented requests and answers.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "gateway.st2.url=http://127.0.0.1:9", "gateway.st2.api-key=test-api-key",
				"gateway.chat.delivery.initial-backoff=10ms", "gateway.chat.delivery.max-backoff=50ms",
				"gateway.chat.slack.signing-secret=8f742231b10e8888abcd99yyyzzz85a5",
				"gateway.chat.slack.bot-token=xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy",
				"gateway.chat.mattermost.token=xr3j5x3p4pfk8nqs7ffmd6sh3e",
				"gateway.chat.mattermost.bot-token=9xuqwrwgstrb3mzrxb83nb357a" })
class LongResultFilesIntegrationTests extends NotificationPushTestBase {

	static final String SLACK_FILE_ID = "F0AB1CD2EF3";

	static final String MATTERMOST_FILE_ID = "4ixqzejwd3yh7m4r1ny8fpe8oc";

	static final JsonMapper json = JsonMapper.builder().build();

	@RegisterExtension
	static final StubServer chat = StubServer.serving("gateway.chat.slack.api-url", "/slack/api")
		.andServing("gateway.chat.mattermost.url", "/mattermost")
		.resettingBeforeEach();

	@BeforeEach
	void setUp() {
		chat.stubFor(post("/slack/api/files.getUploadURLExternal").willReturn(okJson("""
				{"ok": true, "upload_url": "%s/slack/upload/v1/ABCDEFGH", "file_id": "%s"}""".formatted(chat.baseUrl(),
				SLACK_FILE_ID))));
		chat.stubFor(post("/slack/upload/v1/ABCDEFGH").willReturn(aResponse().withStatus(200).withBody("OK")));
		chat.stubFor(post("/slack/api/files.completeUploadExternal").willReturn(okJson("""
				{"ok": true, "files": [{"id": "%s", "title": "st2-result.txt"}]}""".formatted(SLACK_FILE_ID))));
		chat.stubFor(post("/slack/api/chat.postMessage")
			.willReturn(okJson(NotificationPushIntegrationTests.fixture("slack-chat-postMessage-ok.json"))));
		chat.stubFor(post("/mattermost/api/v4/files")
			.willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("""
					{"file_infos": [{"id": "%s", "user_id": "8x6jyybmyfbxmdt6rxfdnpw7dh",
					  "channel_id": "hawos4dqtby53pd64o4a4cmeoo", "name": "st2-result.txt", "extension": "txt",
					  "size": 51200, "mime_type": "text/plain"}], "client_ids": []}""".formatted(MATTERMOST_FILE_ID))));
		chat.stubFor(get("/mattermost/api/v4/posts/axdygg1957njfe5pu38saikdho")
			.willReturn(okJson(NotificationPushIntegrationTests.fixture("mattermost-post-root.json"))));
		chat.stubFor(post("/mattermost/api/v4/posts").willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withBody(NotificationPushIntegrationTests.fixture("mattermost-post-created.json"))));
	}

	@Test
	void oneMegabyteResultShouldReachSlackAsOneFileInTheThreadAndOnlyOnceWhenSt2Retries() {
		String result = result(1_048_576);
		String key = UUID.randomUUID().toString();

		GatewayHttp.Response response = push(slack(result), key);
		GatewayHttp.Response retried = push(slack(result), key);

		assertThat(response.status()).isEqualTo(202);
		assertThat(retried.status()).isEqualTo(202);
		int length = result.getBytes(StandardCharsets.UTF_8).length;
		chat.verify(1,
				postRequestedFor(urlEqualTo("/slack/api/files.getUploadURLExternal"))
					.withRequestBody(containing("filename=st2-result.txt"))
					.withRequestBody(containing("length=" + length)));
		List<LoggedRequest> uploads = chat.findAll(postRequestedFor(urlEqualTo("/slack/upload/v1/ABCDEFGH")));
		assertThat(uploads).hasSize(1);
		assertThat(uploads.get(0).getBody()).hasSize(length);
		assertThat(uploads.get(0).getHeader("Authorization")).isNull();
		List<LoggedRequest> completes = chat
			.findAll(postRequestedFor(urlEqualTo("/slack/api/files.completeUploadExternal")));
		assertThat(completes).hasSize(1);
		JsonNode complete = json.readTree(completes.get(0).getBodyAsString());
		assertThat(complete.path("files").path(0).path("id").asString()).isEqualTo(SLACK_FILE_ID);
		assertThat(complete.path("channel_id").asString()).isEqualTo("C024BE91L");
		assertThat(complete.path("thread_ts").asString()).isEqualTo("1700000000.000100");
		assertThat(complete.path("initial_comment").asString()).startsWith("Action ops.dump completed.\nline 000000")
			.contains("the whole result is in the file st2-result.txt")
			.hasSizeLessThan(1600);
		chat.verify(0, postRequestedFor(urlEqualTo("/slack/api/chat.postMessage")));
	}

	@Test
	void slackUploadRefusedShouldFallBackToPartsThatSaySoAndNotUploadAgainWhenSt2Retries() {
		chat.stubFor(post("/slack/api/files.getUploadURLExternal")
			.willReturn(okJson("{\"ok\": false, \"error\": \"missing_scope\", \"needed\": \"files:write\"}")));
		String result = result(30 * 1024);
		String key = UUID.randomUUID().toString();

		GatewayHttp.Response response = push(slack(result), key);
		GatewayHttp.Response retried = push(slack(result), key);

		assertThat(response.status()).isEqualTo(202);
		assertThat(retried.status()).isEqualTo(202);
		chat.verify(1, postRequestedFor(urlEqualTo("/slack/api/files.getUploadURLExternal")));
		List<LoggedRequest> parts = chat.findAll(postRequestedFor(urlEqualTo("/slack/api/chat.postMessage")));
		assertThat(parts).hasSizeGreaterThan(6);
		assertThat(json.readTree(parts.get(0).getBodyAsString()).path("text").asString())
			.startsWith("_(a long result, 30,");
		String joined = String.join("",
				parts.stream().map((part) -> json.readTree(part.getBodyAsString()).path("text").asString()).toList());
		assertThat(joined).contains("line 000000").contains(lastLine(result));
	}

	@Test
	void fiftyKilobyteResultShouldReachMattermostAsOneFileInTheThread() {
		String result = result(50 * 1024);

		GatewayHttp.Response response = push(mattermost(result), UUID.randomUUID().toString());

		assertThat(response.status()).isEqualTo(202);
		List<LoggedRequest> uploads = chat.findAll(postRequestedFor(urlEqualTo("/mattermost/api/v4/files"))
			.withHeader("Authorization", equalTo("Bearer 9xuqwrwgstrb3mzrxb83nb357a")));
		assertThat(uploads).hasSize(1);
		assertThat(uploads.get(0).getHeader("Content-Type")).startsWith("multipart/form-data");
		assertThat(uploads.get(0).getPart("channel_id").getBody().asString()).isEqualTo("hawos4dqtby53pd64o4a4cmeoo");
		assertThat(uploads.get(0).getPart("files").getHeaders().getHeader("Content-Disposition").firstValue())
			.contains("filename=\"st2-result.txt\"");
		assertThat(uploads.get(0).getPart("files").getBody().asString()).isEqualTo(result);
		List<LoggedRequest> posts = chat.findAll(postRequestedFor(urlEqualTo("/mattermost/api/v4/posts")));
		assertThat(posts).hasSize(1);
		JsonNode post = json.readTree(posts.get(0).getBodyAsString());
		assertThat(post.path("file_ids").path(0).asString()).isEqualTo(MATTERMOST_FILE_ID);
		assertThat(post.path("root_id").asString()).isEqualTo("axdygg1957njfe5pu38saikdho");
		assertThat(post.path("channel_id").asString()).isEqualTo("hawos4dqtby53pd64o4a4cmeoo");
		assertThat(post.path("pending_post_id").asString()).endsWith(":file");
		assertThat(post.path("message").asString()).startsWith("Action ops.dump completed.").contains("st2-result.txt");
	}

	@Test
	void mattermostWithFileUploadsOffShouldGetTheResultInParts() {
		// what Mattermost answers when EnableFileAttachments is false
		chat.stubFor(post("/mattermost/api/v4/files").willReturn(aResponse().withStatus(501)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"id\": \"api.file.attachments.disabled.app_error\", \"status_code\": 501}")));
		String result = result(50 * 1024);

		GatewayHttp.Response response = push(mattermost(result), UUID.randomUUID().toString());

		assertThat(response.status()).isEqualTo(202);
		List<LoggedRequest> posts = chat.findAll(postRequestedFor(urlEqualTo("/mattermost/api/v4/posts")));
		assertThat(posts).hasSizeGreaterThanOrEqualTo(3);
		assertThat(posts)
			.allSatisfy((post) -> assertThat(json.readTree(post.getBodyAsString()).has("file_ids")).isFalse());
		assertThat(json.readTree(posts.get(0).getBodyAsString()).path("message").asString())
			.startsWith("_(a long result");
		assertThat(posts.stream()
			.map((post) -> json.readTree(post.getBodyAsString()).path("pending_post_id").asString())
			.distinct()).hasSize(posts.size());
	}

	private GatewayHttp.Response push(Map<String, Object> notification, String key) {
		return push(json.writeValueAsString(notification), "Idempotency-Key", key);
	}

	private static Map<String, Object> slack(String result) {
		return Map.of("message", result, "channel", "slack:C024BE91L", "user", "U2147483697", "whisper", false,
				"context", Map.of("platform", "slack", "channel", "C024BE91L", "thread", "1700000000.000100", "user_id",
						"U2147483697"));
	}

	private static Map<String, Object> mattermost(String result) {
		return Map.of("message", result, "channel", "mattermost:hawos4dqtby53pd64o4a4cmeoo", "whisper", false,
				"context", Map.of("platform", "mattermost", "channel", "hawos4dqtby53pd64o4a4cmeoo", "thread",
						"axdygg1957njfe5pu38saikdho", "user_id", "rnina9994bde8mua79zqcg5hmo"));
	}

	private static String result(int size) {
		StringBuilder result = new StringBuilder("Action ops.dump completed.\n");
		for (int line = 0; result.length() < size; line++) {
			result.append(String.format("line %06d: the output of a chatty action, going on and on%n", line));
		}
		// as st2 posts it: the gateway does not post trailing line breaks
		return result.toString().strip();
	}

	private static String lastLine(String result) {
		List<String> lines = result.lines().toList();
		return lines.get(lines.size() - 1);
	}

}
