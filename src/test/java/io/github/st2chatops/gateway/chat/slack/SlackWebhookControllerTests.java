package io.github.st2chatops.gateway.chat.slack;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import io.github.st2chatops.gateway.chat.ChatWebhookSliceConfiguration;
import io.github.st2chatops.gateway.chat.WebhookSliceTestBase;

import static io.github.st2chatops.gateway.chat.WebhookTestSupport.fixtureText;
import static io.github.st2chatops.gateway.chat.WebhookTestSupport.problem;
import static io.github.st2chatops.gateway.chat.WebhookTestSupport.slackSigned;
import static org.assertj.core.api.Assertions.assertThat;
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

	@Test
	void commandWhenSignedWithAnotherSecretShouldBe401AndRunNothing() throws Exception {
		byte[] body = SLASH_COMMAND.getBytes(StandardCharsets.UTF_8);
		String[] headers = slackSigned("another-secret", Instant.now(), body);
		this.mvc
			.perform(post("/chat/slack/commands").contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.header(headers[0], headers[1])
				.header(headers[2], headers[3])
				.content(body))
			.andExpect(problem(401, "unauthorized"))
			.andExpect(jsonPath("$.detail").value("The Slack signature does not match the request."));
		assertThat(this.handler.commands()).isEmpty();
	}

	@Test
	void eventWhenSignedTooLongAgoShouldBe401() throws Exception {
		byte[] body = APP_MENTION.getBytes(StandardCharsets.UTF_8);
		String[] headers = slackSigned(SECRET, Instant.now().minusSeconds(301), body);
		this.mvc
			.perform(post("/chat/slack/events").contentType(MediaType.APPLICATION_JSON)
				.header(headers[0], headers[1])
				.header(headers[2], headers[3])
				.content(body))
			.andExpect(problem(401, "unauthorized"));
	}

	@Test
	void commandWhenAFieldIsMissingShouldBe400() throws Exception {
		this.mvc.perform(command(SLASH_COMMAND.replace("&channel_id=G8PSS9T3V", "")))
			.andExpect(problem(400, "invalid-request"))
			.andExpect(jsonPath("$.detail").value("The slash command payload has no 'channel_id'."));
	}

	@Test
	void eventWhenBodyIsNotJsonShouldBe400() throws Exception {
		this.mvc.perform(event("type=event_callback")).andExpect(problem(400, "invalid-request"));
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
		return signed(post("/chat/slack/commands").contentType(MediaType.APPLICATION_FORM_URLENCODED), body);
	}

	private static MockHttpServletRequestBuilder event(String body) {
		return signed(post("/chat/slack/events").contentType(MediaType.APPLICATION_JSON), body);
	}

	private static MockHttpServletRequestBuilder signed(MockHttpServletRequestBuilder request, String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		String[] headers = slackSigned(SECRET, Instant.now(), bytes);
		return request.header(headers[0], headers[1]).header(headers[2], headers[3]).content(bytes);
	}

}
