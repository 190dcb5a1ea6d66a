package io.github.st2chatops.gateway.relay;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.st2chatops.gateway.support.GatewayHttp;
import io.github.st2chatops.gateway.support.StubServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nothing lost, nothing twice, for a result split into three parts on every platform
 * (issue 23 item 4, issue 16 item 4): a middle part that fails (429, then 5xx past the
 * delivery timeout) is retried by the delivery loop and by st2's retry of the
 * notification, and each part is posted once. A chat that answers after the read timeout
 * is not sent the same post again (Slack), or only with the same {@code pending_post_id},
 * which Mattermost deduplicates. WireMock plays each platform and counts the posts of
 * each part.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "gateway.st2.url=http://127.0.0.1:9",
		"gateway.st2.api-key=test-api-key", "gateway.chat.delivery.timeout=4s",
		"gateway.chat.delivery.initial-backoff=20ms", "gateway.chat.delivery.max-backoff=200ms",
		"gateway.chat.slack.signing-secret=8f742231b10e8888abcd99yyyzzz85a5",
		"gateway.chat.slack.bot-token=xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy",
		"gateway.chat.slack.message-limit=" + SplitDeliveryIntegrationTests.LIMIT, "gateway.chat.slack.timeout=1s",
		"gateway.chat.mattermost.token=xr3j5x3p4pfk8nqs7ffmd6sh3e",
		"gateway.chat.mattermost.bot-token=9xuqwrwgstrb3mzrxb83nb357a",
		"gateway.chat.mattermost.message-limit=" + SplitDeliveryIntegrationTests.LIMIT,
		"gateway.chat.mattermost.timeout=1s", "gateway.chat.teams.security-token=c2VjdXJpdHktdG9rZW4tZm9yLXRlc3Rz",
		"gateway.chat.teams.max-message-length=" + SplitDeliveryIntegrationTests.LIMIT,
		"gateway.chat.rocketchat.token=rocketchat-outgoing-token-0123",
		"gateway.chat.rocketchat.max-message-length=" + SplitDeliveryIntegrationTests.LIMIT,
		"gateway.chat.generic.secret=generic-secret-0123456789",
		"gateway.chat.generic.max-message-length=" + SplitDeliveryIntegrationTests.LIMIT })
class SplitDeliveryIntegrationTests extends NotificationPushTestBase {

	static final int LIMIT = 150;

	/** How late the slow chat answers: well past the 1 s read timeout. */
	static final int SLOW = 2500;

	static final JsonMapper json = JsonMapper.builder().build();

	@RegisterExtension
	static final StubServer chat = StubServer.serving("gateway.chat.slack.api-url", "/slack/api")
		.andServing("gateway.chat.mattermost.url", "/mattermost")
		.andServing("gateway.chat.teams.default-workflow-url", "/teams/workflow")
		.andServing("gateway.chat.rocketchat.webhook-url", "/rocketchat/hooks/abc")
		.andServing("gateway.chat.generic.callback-url", "/generic/results")
		.resettingBeforeEach();

	@BeforeEach
	void setUp() {
		for (Platform platform : Platform.values()) {
			chat.stubFor(post(urlPathEqualTo(platform.path)).atPriority(10).willReturn(platform.ok()));
		}
	}

	@ParameterizedTest
	@EnumSource(Platform.class)
	void middlePartRateLimitedShouldBeRetriedAndEachPartPostedOnce(Platform platform) {
		chat.stubFor(part(platform, "PART-B").inScenario("429")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0"))
			.willSetStateTo("limited once"));

		GatewayHttp.Response response = push(platform, UUID.randomUUID().toString());

		assertThat(response.status()).isEqualTo(202);
		assertThat(posted(platform, "PART-A")).isEqualTo(1);
		assertThat(posted(platform, "PART-B")).isEqualTo(1);
		assertThat(posted(platform, "PART-C")).isEqualTo(1);
		assertThat(requests(platform, "PART-A")).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(Platform.class)
	void middlePartFailingPastTheTimeoutShouldResumeThereWhenSt2Retries(Platform platform) {
		String key = UUID.randomUUID().toString();
		var failing = chat.stubFor(part(platform, "PART-B").willReturn(aResponse().withStatus(503)));

		GatewayHttp.Response first = push(platform, key);

		assertThat(first.status()).isEqualTo(503);
		assertThat(posted(platform, "PART-A")).isEqualTo(1);
		assertThat(posted(platform, "PART-B")).isZero();
		assertThat(requests(platform, "PART-C")).isZero();

		chat.removeStub(failing);
		GatewayHttp.Response retried = push(platform, key);

		assertThat(retried.status()).isEqualTo(202);
		assertThat(requests(platform, "PART-A")).isEqualTo(1);
		assertThat(posted(platform, "PART-B")).isEqualTo(1);
		assertThat(posted(platform, "PART-C")).isEqualTo(1);
		assertThat(push(platform, key).status()).isEqualTo(202);
		assertThat(requests(platform, "PART-C")).isEqualTo(1);
	}

	@Test
	void slackAnsweringAfterTheReadTimeoutShouldGetEachPartOnceAlsoWhenSt2Retries() {
		String key = UUID.randomUUID().toString();
		chat.stubFor(part(Platform.SLACK, "PART-B").willReturn(Platform.SLACK.ok().withFixedDelay(SLOW)));
		var failing = chat.stubFor(part(Platform.SLACK, "PART-C").willReturn(aResponse().withStatus(500)));

		GatewayHttp.Response first = push(Platform.SLACK, key);

		assertThat(first.status()).isEqualTo(503);
		chat.removeStub(failing);
		GatewayHttp.Response retried = push(Platform.SLACK, key);

		assertThat(retried.status()).isEqualTo(202);
		await().untilAsserted(() -> assertThat(posted(Platform.SLACK, "PART-B")).isEqualTo(1));
		assertThat(requests(Platform.SLACK, "PART-A")).isEqualTo(1);
		assertThat(requests(Platform.SLACK, "PART-B")).isEqualTo(1);
		assertThat(posted(Platform.SLACK, "PART-C")).isEqualTo(1);
	}

	@Test
	void slowSingleMessageShouldBePostedOnceAndAcknowledged() {
		String key = UUID.randomUUID().toString();
		chat.stubFor(post(urlPathEqualTo(Platform.SLACK.path)).atPriority(1)
			.willReturn(Platform.SLACK.ok().withFixedDelay(SLOW)));

		String body = "{\"message\": \"Action core.local completed.\", \"channel\": \"slack:C024BE91L\"}";
		GatewayHttp.Response response = push(body, "Idempotency-Key", key);
		GatewayHttp.Response retried = push(body, "Idempotency-Key", key);

		assertThat(response.status()).isEqualTo(202);
		assertThat(retried.status()).isEqualTo(202);
		await().untilAsserted(() -> assertThat(chat.getAllServeEvents()).hasSize(1));
	}

	@Test
	void mattermostAnsweringAfterTheReadTimeoutShouldBeSentAgainOnlyWithTheSamePendingPostId() {
		chat.stubFor(part(Platform.MATTERMOST, "PART-B").inScenario("slow")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(Platform.MATTERMOST.ok().withFixedDelay(SLOW))
			.willSetStateTo("answered late"));
		// what Mattermost answers a repeat of a pending_post_id it saw: the post it made
		chat.stubFor(part(Platform.MATTERMOST, "PART-B").inScenario("slow")
			.whenScenarioStateIs("answered late")
			.willReturn(Platform.MATTERMOST.ok()));

		GatewayHttp.Response response = push(Platform.MATTERMOST, UUID.randomUUID().toString());

		assertThat(response.status()).isEqualTo(202);
		List<String> pendingPostIds = events(Platform.MATTERMOST, "PART-B").stream()
			.map((event) -> json.readTree(event.getRequest().getBodyAsString()).path("pending_post_id").asString())
			.distinct()
			.toList();
		assertThat(requests(Platform.MATTERMOST, "PART-B")).isGreaterThanOrEqualTo(2);
		assertThat(pendingPostIds).hasSize(1).allMatch((id) -> id.endsWith(":part:1"));
		assertThat(requests(Platform.MATTERMOST, "PART-A")).isEqualTo(1);
		assertThat(posted(Platform.MATTERMOST, "PART-C")).isEqualTo(1);
		JsonNode partA = json.readTree(events(Platform.MATTERMOST, "PART-A").get(0).getRequest().getBodyAsString());
		assertThat(partA.path("pending_post_id").asString())
			.isEqualTo(pendingPostIds.get(0).replace(":part:1", ":part:0"));
	}

	private GatewayHttp.Response push(Platform platform, String idempotencyKey) {
		String text = "PART-A " + "a".repeat(100) + "\nPART-B " + "b".repeat(100) + "\nPART-C " + "c".repeat(100);
		String body = json.writeValueAsString(Map.of("message", text, "channel", platform.channel, "user", "jdoe",
				"whisper", false, "extra", Map.of()));
		return push(body, "Idempotency-Key", idempotencyKey);
	}

	private static MappingBuilder part(Platform platform, String marker) {
		return post(urlPathEqualTo(platform.path)).atPriority(1).withRequestBody(containing(marker));
	}

	private static List<ServeEvent> events(Platform platform, String marker) {
		return chat.getAllServeEvents()
			.stream()
			.filter((event) -> event.getRequest().getUrl().startsWith(platform.path)
					&& event.getRequest().getBodyAsString().contains(marker))
			.toList();
	}

	private static long requests(Platform platform, String marker) {
		return events(platform, marker).size();
	}

	private static long posted(Platform platform, String marker) {
		return events(platform, marker).stream()
			.filter((event) -> event.getResponse().getStatus() >= 200 && event.getResponse().getStatus() < 300)
			.count();
	}

	enum Platform {

		SLACK("/slack/api/chat.postMessage", "slack:C024BE91L", "slack-chat-postMessage-ok.json", 200),

		MATTERMOST("/mattermost/api/v4/posts", "mattermost:hawos4dqtby53pd64o4a4cmeoo", "mattermost-post-created.json",
				201),

		TEAMS("/teams/workflow", "teams:19:abc@thread.tacv2", null, 202),

		ROCKETCHAT("/rocketchat/hooks/abc", "rocketchat:GENERAL", null, 200),

		GENERIC("/generic/results", "generic:ops", null, 200);

		final String path;

		final String channel;

		final String fixture;

		final int status;

		Platform(String path, String channel, String fixture, int status) {
			this.path = path;
			this.channel = channel;
			this.fixture = fixture;
			this.status = status;
		}

		ResponseDefinitionBuilder ok() {
			ResponseDefinitionBuilder ok = aResponse().withStatus(this.status);
			if (this.fixture != null) {
				ok.withHeader("Content-Type", "application/json")
					.withBody(NotificationPushIntegrationTests.fixture(this.fixture));
			}
			else if (this == ROCKETCHAT) {
				ok.withHeader("Content-Type", "application/json").withBody("{\"success\":true}");
			}
			return ok;
		}

	}

}
