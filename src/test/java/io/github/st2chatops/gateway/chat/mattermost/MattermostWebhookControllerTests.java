package io.github.st2chatops.gateway.chat.mattermost;

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
import static io.github.st2chatops.gateway.chat.RefusedRequest.refused;
import static io.github.st2chatops.gateway.chat.RefusedRequest.unauthorized;
import static io.github.st2chatops.gateway.chat.WebhookTestSupport.fixtureText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code POST /chat/mattermost} in a web slice: the failure paths, answered before
 * anything runs. The tokens are those of Mattermost's documented payloads.
 */
@WebMvcTest(controllers = MattermostWebhookController.class,
		properties = { "gateway.st2.url=http://127.0.0.1:9", "gateway.st2.api-key=test-api-key",
				"gateway.chat.mattermost.token[0]=xr3j5x3p4pfk7kk6ck7b4e6ghh",
				"gateway.chat.mattermost.token[1]=zmigewsanbbsdf59xnmduzypjc",
				"gateway.chat.mattermost.url=http://127.0.0.1:9", "gateway.chat.mattermost.bot-token=bot-token" })
@Import({ ChatWebhookSliceConfiguration.class, MattermostConfiguration.class })
@EnableConfigurationProperties(MattermostProperties.class)
class MattermostWebhookControllerTests extends WebhookSliceTestBase {

	static final String SLASH_COMMAND = fixtureText("/chat/mattermost/slash-command.txt").strip();

	static final String OUTGOING_WEBHOOK = fixtureText("/chat/mattermost/outgoing-webhook.json");

	static Stream<Named<RefusedRequest>> refusedRequests() {
		return Stream.of(
				named("wrong token in the header",
						unauthorized(form(SLASH_COMMAND).header("Authorization", "Token guessed"))
							.saying("The Mattermost token does not match.")),
				named("wrong token in the body",
						unauthorized(json(OUTGOING_WEBHOOK.replace("zmigewsanbbsdf59xnmduzypjc", "guessed")))),
				named("no token",
						unauthorized(form(SLASH_COMMAND.replace("token=xr3j5x3p4pfk7kk6ck7b4e6ghh", "token=")))),
				named("neither form nor JSON",
						refused(post("/chat/mattermost").contentType(MediaType.TEXT_PLAIN)
							.header("Authorization", "Token xr3j5x3p4pfk7kk6ck7b4e6ghh")
							.content(SLASH_COMMAND), 415, "unsupported-media-type")),
				named("malformed JSON", invalidRequest(json("{\"token\": "))),
				named("no channel", invalidRequest(json(OUTGOING_WEBHOOK.replace("\"channel_id\"", "\"other\"")))
					.saying("The Mattermost payload has no 'channel_id'.")));
	}

	@Test
	void receiveWhenPostIsDeliveredTwiceShouldRunOnce() throws Exception {
		String webhook = OUTGOING_WEBHOOK.replace("axdygg1957njfe5pu38saikdho", "slicetwice");
		this.handler.answer((command) -> java.util.List.of());
		this.mvc.perform(json(webhook)).andExpect(status().isOk());
		this.mvc.perform(json(webhook)).andExpect(status().isOk()).andExpect(content().json("{}"));
		assertThat(this.handler.commands()).hasSize(1);
	}

	@Test
	void receiveWhenStateStoreIsDownShouldBe503WithRetryAfterAndRunNothing() throws Exception {
		assertUnavailableWhileStateStoreIsDown(
				json(OUTGOING_WEBHOOK.replace("axdygg1957njfe5pu38saikdho", "slicedown")));
	}

	private static MockHttpServletRequestBuilder form(String body) {
		return post("/chat/mattermost").contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.content(body.getBytes(StandardCharsets.UTF_8));
	}

	private static MockHttpServletRequestBuilder json(String body) {
		return post("/chat/mattermost").contentType(MediaType.APPLICATION_JSON)
			.content(body.getBytes(StandardCharsets.UTF_8));
	}

}
