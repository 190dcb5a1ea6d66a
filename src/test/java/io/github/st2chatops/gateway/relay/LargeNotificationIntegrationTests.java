package io.github.st2chatops.gateway.relay;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.st2chatops.gateway.chat.MessageSplitter;
import io.github.st2chatops.gateway.support.GatewayHttp;
import io.github.st2chatops.gateway.support.StubServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Results larger than the 64 KiB every other endpoint takes (issue 23, item 6): a 1 MB
 * result pushed to {@code POST /api/v1/st2/notifications} reaches the chat (the generic
 * platform's callback on WireMock), cut to gateway.relay.max-message-length with a note
 * and split into messages the platform takes, the first saying so; it never posts
 * nothing.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "gateway.st2.url=http://127.0.0.1:9", "gateway.st2.api-key=test-api-key",
				"gateway.chat.generic.secret=generic-secret-for-large-results-01",
				"gateway.chat.generic.max-message-length=" + LargeNotificationIntegrationTests.PLATFORM_LIMIT })
class LargeNotificationIntegrationTests extends NotificationPushTestBase {

	static final int PLATFORM_LIMIT = 10_000;

	@RegisterExtension
	static final StubServer chat = StubServer.serving("gateway.chat.generic.callback-url", "/callback")
		.resettingBeforeEach();

	static final JsonMapper json = JsonMapper.builder().build();

	@BeforeEach
	void setUp() {
		chat.stubFor(post("/callback").willReturn(aResponse().withStatus(200)));
	}

	@Test
	void oneMegabyteResultShouldBeTruncatedWithANoteAndPosted() {
		StringBuilder result = new StringBuilder("Action ops.dump completed (" + UUID.randomUUID() + ").\n");
		for (int line = 0; result.length() < 1_048_576; line++) {
			result.append(String.format("line %06d: the output of a chatty action, going on and on%n", line));
		}
		String message = result.toString();
		String body = json.writeValueAsString(Map.of("message", message, "channel", "generic:builds", "user", "ci-bot",
				"whisper", false, "extra", Map.of()));
		assertThat(body.length()).isGreaterThan(1_048_576);

		GatewayHttp.Response response = push(body);

		assertThat(response.status()).isEqualTo(202);
		assertThat(response.json()).containsEntry("status", "delivered");
		List<String> texts = chat.findAll(postRequestedFor(urlEqualTo("/callback")))
			.stream()
			.map(LoggedRequest::getBodyAsString)
			.map((posted) -> (String) json.readValue(posted, Map.class).get("text"))
			.toList();
		// st2's message as posted: trailing line breaks are not posted, and the first
		// part says that the result comes in several
		String note = String.format(Locale.ROOT, "_(a long result, %,d characters: cut into several messages)_\n",
				message.strip().length());
		String expected = note + MessageSplitter.truncate(message.strip(), 40_000);
		assertThat(texts).hasSize(MessageSplitter.split(expected, PLATFORM_LIMIT).size()).hasSizeGreaterThan(3);
		for (String text : texts) {
			assertThat(text.length()).isLessThanOrEqualTo(PLATFORM_LIMIT);
		}
		assertThat(texts.get(0)).startsWith(note + message.substring(0, 200));
		assertThat(texts.get(texts.size() - 1))
			.endsWith(String.format("_(truncated: the result is %,d characters long; the first 40,000 are shown. "
					+ "The whole result is in st2.)_", message.strip().length()));
		// every cut fell on a line break: the posts joined with line breaks are the
		// truncated result
		assertThat(String.join("\n", texts).replace(MessageSplitter.CONTINUED, "")).isEqualTo(expected);
	}

	@Test
	void notificationOverItsLimitShouldBeRefusedWith413() {
		String body = "{\"message\": \"" + "x".repeat(4 * 1024 * 1024 + 1) + "\", \"channel\": \"generic:builds\"}";

		GatewayHttp.Response response = push(body);

		assertThat(response.status()).isEqualTo(413);
		assertThat(response.json()).containsEntry("type", "urn:st2-chatops-gateway:problem:payload-too-large");
		chat.verify(0, postRequestedFor(urlEqualTo("/callback")));
	}

	@Test
	void otherEndpointsShouldKeepTheSmallLimit() {
		String body = "{\"text\": \"" + "x".repeat(70_000) + "\", \"user\": \"u\", \"channel\": \"c\"}";

		GatewayHttp.Response response = this.http.post("/chat/generic", body, "Content-Type", "application/json");

		assertThat(response.status()).isEqualTo(413);
		assertThat(response.json().get("detail").toString()).contains("65536 bytes");
	}

}
