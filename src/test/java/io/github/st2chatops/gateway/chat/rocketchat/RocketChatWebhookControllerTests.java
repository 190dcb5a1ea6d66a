package io.github.st2chatops.gateway.chat.rocketchat;

import java.nio.charset.StandardCharsets;
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
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code POST /chat/rocketchat} in a web slice: the failure paths, answered before
 * anything runs.
 */
@WebMvcTest(controllers = RocketChatWebhookController.class,
		properties = { "gateway.st2.url=http://127.0.0.1:9", "gateway.st2.api-key=test-api-key",
				"gateway.chat.rocketchat.token=rc-outgoing-token-for-tests",
				"gateway.chat.rocketchat.webhook-url=http://127.0.0.1:9/hooks/x" })
@Import({ ChatWebhookSliceConfiguration.class, RocketChatConfiguration.class })
@EnableConfigurationProperties(RocketChatProperties.class)
class RocketChatWebhookControllerTests extends WebhookSliceTestBase {

	static final String MESSAGE = fixtureText("/chat/rocketchat/outgoing-webhook-message.json");

	static Stream<Named<RefusedRequest>> refusedRequests() {
		return Stream.of(
				named("wrong token, not shown",
						unauthorized(send(MESSAGE.replace("rc-outgoing-token-for-tests", "guessed")))
							.hiding("rc-outgoing-token-for-tests")),
				named("no token",
						unauthorized(send(MESSAGE.replace("\"token\": \"rc-outgoing-token-for-tests\",", "")))),
				named("not JSON", invalidRequest(send("token=rc-outgoing-token-for-tests"))),
				named("no message id", invalidRequest(send(MESSAGE.replace("\"message_id\"", "\"other_id\"")))
					.saying("'message_id' is required.")));
	}

	@Test
	void receiveWhenFromABotShouldAnswerEmptyAndRunNothing() throws Exception {
		this.mvc.perform(send(MESSAGE.replace("\"bot\": false", "\"bot\": {\"i\": \"x\"}")))
			.andExpect(status().isOk())
			.andExpect(content().json("{}"));
		assertThat(this.handler.commands()).isEmpty();
	}

	@Test
	void receiveWhenDeliveredTwiceShouldRunOnce() throws Exception {
		String message = MESSAGE.replace("iNzCwGFnsEyAk7cSj", "slice-twice");
		this.mvc.perform(send(message)).andExpect(status().isOk());
		this.mvc.perform(send(message)).andExpect(status().isOk()).andExpect(content().json("{}"));
		assertThat(this.handler.commands()).hasSize(1);
	}

	@Test
	void receiveWhenStateStoreIsDownShouldBe503WithRetryAfterAndRunNothing() throws Exception {
		assertUnavailableWhileStateStoreIsDown(send(MESSAGE.replace("iNzCwGFnsEyAk7cSj", "slice-down")));
	}

	private static MockHttpServletRequestBuilder send(String body) {
		return post("/chat/rocketchat").contentType(MediaType.APPLICATION_JSON)
			.content(body.getBytes(StandardCharsets.UTF_8));
	}

}
