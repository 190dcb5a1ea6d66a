package io.github.st2chatops.gateway.chat.slack;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import io.github.st2chatops.gateway.chat.ChatWebhookSliceConfiguration;
import io.github.st2chatops.gateway.chat.RefusedRequest;
import io.github.st2chatops.gateway.chat.WebhookSliceTestBase;

import static io.github.st2chatops.gateway.chat.RefusedRequest.invalidRequest;
import static io.github.st2chatops.gateway.chat.RefusedRequest.unauthorized;
import static io.github.st2chatops.gateway.chat.WebhookTestSupport.fixtureText;
import static io.github.st2chatops.gateway.chat.WebhookTestSupport.slackSigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code POST /chat/slack/commands} and {@code /chat/slack/events} in a web slice: the
 * failure paths, answered before anything runs.
 */
@WebMvcTest(controllers = SlackWebhookController.class,
		properties = { "gateway.st2.url=http://127.0.0.1:9", "gateway.st2.api-key=test-api-key",
				"gateway.chat.slack.signing-secret=" + SlackWebhookControllerTests.SECRET,
				"gateway.chat.slack.bot-token=xoxb-slice-test", "gateway.chat.slack.api-url=http://127.0.0.1:9/api" })
@Import({ ChatWebhookSliceConfiguration.class, SlackConfiguration.class })
@EnableConfigurationProperties(SlackProperties.class)
class SlackWebhookControllerTests extends WebhookSliceTestBase {

	static final String SECRET = "slack-slice-test-signing-secret";

	static final String SLASH_COMMAND = "team_id=T1DC2JH3J&channel_id=G8PSS9T3V&user_id=U2CERLKJA&user_name=roadrunner"
			+ "&command=%2Fst2&text=pack+get+st2&response_url=http%3A%2F%2F127.0.0.1%3A9%2Fcommands"
			+ "&trigger_id=TRIGGER";

	static final String APP_MENTION = fixtureText("/chat/slack/app-mention.json");

	static Stream<Named<RefusedRequest>> refusedRequests() {
		return Stream.of(named("command signed with another secret",
				unauthorized(signed(post("/chat/slack/commands").contentType(MediaType.APPLICATION_FORM_URLENCODED),
						"another-secret", Instant.now(), SLASH_COMMAND))
					.saying("The Slack signature does not match the request.")),
				named("event signed too long ago",
						unauthorized(signed(post("/chat/slack/events").contentType(MediaType.APPLICATION_JSON), SECRET,
								Instant.now().minusSeconds(301), APP_MENTION))),
				named("command without a field",
						invalidRequest(command(SLASH_COMMAND.replace("&channel_id=G8PSS9T3V", "")))
							.saying("The slash command payload has no 'channel_id'.")),
				named("event that is not JSON", invalidRequest(event("type=event_callback"))));
	}

	@Test
	void eventWhenUrlVerificationShouldAnswerTheChallenge() throws Exception {
		this.mvc.perform(event(fixtureText("/chat/slack/url-verification.json")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.challenge").isNotEmpty());
	}

	@Test
	void commandWhenTriggerIdRepeatsShouldRunOnce() throws Exception {
		String command = SLASH_COMMAND.replace("TRIGGER", "slice-twice");
		this.mvc.perform(command(command))
			.andExpect(status().isOk())
			.andExpect(content().json("{\"response_type\": \"in_channel\"}"));
		this.mvc.perform(command(command)).andExpect(status().isOk()).andExpect(content().string(""));
		await().untilAsserted(() -> assertThat(this.handler.commands()).hasSize(1));
	}

	@Test
	void eventWhenStateStoreIsDownShouldBe503WithRetryAfterAndRunNothing() throws Exception {
		assertUnavailableWhileStateStoreIsDown(event(APP_MENTION));
	}

	@Test
	void commandWhenStateStoreIsDownShouldBe503WithRetryAfterAndRunNothing() throws Exception {
		assertUnavailableWhileStateStoreIsDown(command(SLASH_COMMAND.replace("TRIGGER", "slice-down")));
	}

	private static MockHttpServletRequestBuilder command(String body) {
		return signed(post("/chat/slack/commands").contentType(MediaType.APPLICATION_FORM_URLENCODED), SECRET,
				Instant.now(), body);
	}

	private static MockHttpServletRequestBuilder event(String body) {
		return signed(post("/chat/slack/events").contentType(MediaType.APPLICATION_JSON), SECRET, Instant.now(), body);
	}

	private static MockHttpServletRequestBuilder signed(MockHttpServletRequestBuilder request, String secret,
			Instant at, String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		String[] headers = slackSigned(secret, at, bytes);
		return request.header(headers[0], headers[1]).header(headers[2], headers[3]).content(bytes);
	}

}
