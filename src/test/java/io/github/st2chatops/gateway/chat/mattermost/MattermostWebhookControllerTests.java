package io.github.st2chatops.gateway.chat.mattermost;

import java.nio.charset.StandardCharsets;

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
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
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

	@Test
	void receiveWhenHeaderTokenIsWrongShouldBe401AndRunNothing() throws Exception {
		this.mvc.perform(form(SLASH_COMMAND).header("Authorization", "Token guessed"))
			.andExpect(problem(401, "unauthorized"))
			.andExpect(jsonPath("$.detail").value("The Mattermost token does not match."));
		assertThat(this.handler.commands()).isEmpty();
	}

	@Test
	void receiveWhenFieldTokenIsWrongShouldBe401() throws Exception {
		this.mvc.perform(json(OUTGOING_WEBHOOK.replace("zmigewsanbbsdf59xnmduzypjc", "guessed")))
			.andExpect(problem(401, "unauthorized"));
	}

	@Test
	void receiveWhenNoTokenIsGivenShouldBe401() throws Exception {
		this.mvc.perform(form(SLASH_COMMAND.replace("token=xr3j5x3p4pfk7kk6ck7b4e6ghh", "token=")))
			.andExpect(problem(401, "unauthorized"));
	}

	@Test
	void receiveWhenContentTypeIsNeitherFormNorJsonShouldBe415() throws Exception {
		this.mvc
			.perform(post("/chat/mattermost").contentType(MediaType.TEXT_PLAIN)
				.header("Authorization", "Token xr3j5x3p4pfk7kk6ck7b4e6ghh")
				.content(SLASH_COMMAND))
			.andExpect(problem(415, "unsupported-media-type"));
	}

	@Test
	void receiveWhenJsonIsMalformedShouldBe400() throws Exception {
		this.mvc.perform(json("{\"token\": ")).andExpect(problem(400, "invalid-request"));
	}

	@Test
	void receiveWhenChannelIsMissingShouldBe400() throws Exception {
		this.mvc.perform(json(OUTGOING_WEBHOOK.replace("\"channel_id\"", "\"other\"")))
			.andExpect(problem(400, "invalid-request"))
			.andExpect(jsonPath("$.detail").value("The Mattermost payload has no 'channel_id'."));
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
