package io.github.st2chatops.gateway.chat.teams;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.RequestBuilder;

import io.github.st2chatops.gateway.chat.ChatWebhookSliceConfiguration;
import io.github.st2chatops.gateway.chat.RefusedRequest;
import io.github.st2chatops.gateway.chat.WebhookSliceTestBase;

import static io.github.st2chatops.gateway.chat.RefusedRequest.invalidRequest;
import static io.github.st2chatops.gateway.chat.RefusedRequest.unauthorized;
import static io.github.st2chatops.gateway.chat.WebhookTestSupport.fixture;
import static io.github.st2chatops.gateway.chat.WebhookTestSupport.teamsSigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code POST /chat/teams} in a web slice: the failure paths, answered before anything
 * runs.
 */
@WebMvcTest(controllers = TeamsWebhookController.class,
		properties = { "gateway.st2.url=http://127.0.0.1:9", "gateway.st2.api-key=test-api-key",
				"gateway.chat.teams.security-token=" + TeamsWebhookControllerTests.SECURITY_TOKEN,
				"gateway.chat.teams.default-workflow-url=http://127.0.0.1:9/workflow" })
@Import({ ChatWebhookSliceConfiguration.class, TeamsConfiguration.class })
@EnableConfigurationProperties(TeamsProperties.class)
class TeamsWebhookControllerTests extends WebhookSliceTestBase {

	static final String SECURITY_TOKEN = "dGVhbXMtc2xpY2UtdGVzdC1zZWN1cml0eS1rZXk=";

	static final byte[] KEY = Base64.getDecoder().decode(SECURITY_TOKEN);

	static final byte[] ACTIVITY = fixture("/chat/teams/outgoing-webhook-message.json");

	static Stream<Named<RefusedRequest>> refusedRequests() {
		return Stream.of(
				named("signed with another key",
						unauthorized(post("/chat/teams").contentType(MediaType.APPLICATION_JSON)
							.header("Authorization",
									teamsSigned("another key".getBytes(StandardCharsets.UTF_8), ACTIVITY)[1])
							.content(ACTIVITY))),
				named("unsigned",
						unauthorized(post("/chat/teams").contentType(MediaType.APPLICATION_JSON).content(ACTIVITY))),
				named("signed, not an activity", invalidRequest(
						signed("{\"type\": \"message\"".getBytes(StandardCharsets.UTF_8)))),
				named("activity without id",
						invalidRequest(signed(
								new String(ACTIVITY, StandardCharsets.UTF_8).replace("\"id\": \"1485983408511\",", "")
									.getBytes(StandardCharsets.UTF_8)))
							.saying("The activity has no 'id'.")),
				named("message without text", invalidRequest(signed(
						"{\"type\":\"message\",\"id\":\"1\",\"from\":{\"id\":\"29:1\"},\"conversation\":{\"id\":\"19:a\"}}"
							.getBytes(StandardCharsets.UTF_8)))
					.saying("The activity has no 'text'.")));
	}

	@Test
	void receiveWhenActivityIsNotAMessageShouldAnswerEmptyAndRunNothing() throws Exception {
		byte[] body = "{\"type\":\"conversationUpdate\",\"id\":\"7\"}".getBytes(StandardCharsets.UTF_8);
		this.mvc.perform(signed(body)).andExpect(status().isOk()).andExpect(content().json("{}"));
		assertThat(this.handler.commands()).isEmpty();
	}

	@Test
	void receiveWhenDeliveredTwiceShouldRunOnceAndSaySo() throws Exception {
		byte[] body = activity("2001");
		this.mvc.perform(signed(body)).andExpect(status().isOk());
		this.mvc.perform(signed(body))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.text").value(TeamsWebhookController.DUPLICATE));
		assertThat(this.handler.commands()).hasSize(1);
	}

	@Test
	void receiveWhenStateStoreIsDownShouldBe503WithRetryAfterAndRunNothing() throws Exception {
		assertUnavailableWhileStateStoreIsDown(signed(activity("2002")));
	}

	private static RequestBuilder signed(byte[] body) {
		return post("/chat/teams").contentType(MediaType.APPLICATION_JSON)
			.header("Authorization", teamsSigned(KEY, body)[1])
			.content(body);
	}

	private static byte[] activity(String id) {
		return new String(ACTIVITY, StandardCharsets.UTF_8)
			.replace("\"id\": \"1485983408511\"", "\"id\": \"" + id + "\"")
			.getBytes(StandardCharsets.UTF_8);
	}

}
