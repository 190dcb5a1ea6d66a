package io.github.st2chatops.gateway.chat.discord;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import io.github.st2chatops.gateway.chat.ChatWebhookSliceConfiguration;
import io.github.st2chatops.gateway.chat.RefusedRequest;
import io.github.st2chatops.gateway.chat.WebhookSliceTestBase;

import static io.github.st2chatops.gateway.chat.RefusedRequest.invalidRequest;
import static io.github.st2chatops.gateway.chat.RefusedRequest.unauthorized;
import static io.github.st2chatops.gateway.chat.WebhookTestSupport.discordKeyPair;
import static io.github.st2chatops.gateway.chat.WebhookTestSupport.discordPublicKeyHex;
import static io.github.st2chatops.gateway.chat.WebhookTestSupport.discordSigned;
import static io.github.st2chatops.gateway.chat.WebhookTestSupport.fixtureText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code POST /chat/discord} in a web slice: PING, the deferred answer, and the failure
 * paths, answered before anything runs. Requests are signed with a key pair made here.
 */
@WebMvcTest(controllers = DiscordWebhookController.class, properties = { "gateway.st2.url=http://127.0.0.1:9",
		"gateway.st2.api-key=test-api-key", "gateway.chat.discord.application-id=1100000000000000000",
		"gateway.chat.discord.bot-token=test-bot-token", "gateway.chat.discord.api-url=http://127.0.0.1:9/api" })
@Import({ ChatWebhookSliceConfiguration.class, DiscordConfiguration.class })
@EnableConfigurationProperties(DiscordProperties.class)
class DiscordWebhookControllerTests extends WebhookSliceTestBase {

	static final KeyPair KEYS = discordKeyPair();

	static final String COMMAND = fixtureText("/chat/discord/application-command.json");

	@DynamicPropertySource
	static void publicKey(DynamicPropertyRegistry registry) {
		registry.add("gateway.chat.discord.public-key", () -> discordPublicKeyHex(KEYS));
	}

	@Test
	void receiveWhenPingShouldAnswerPongAndRunNothing() throws Exception {
		this.mvc.perform(signed(fixtureText("/chat/discord/ping.json")))
			.andExpect(status().isOk())
			.andExpect(content().json("{\"type\":1}", true));
		assertThat(this.handler.commands()).isEmpty();
	}

	@Test
	void receiveWhenCommandShouldAnswerDeferredAndRunIt() throws Exception {
		this.mvc.perform(signed(COMMAND.replace("786008729715212338", "786008729715212301")))
			.andExpect(status().isOk())
			.andExpect(content().json("{\"type\":5}", true));
		await().untilAsserted(() -> assertThat(this.handler.commands()).singleElement()
			.satisfies((command) -> assertThat(command.text()).isEqualTo("pack get \"st2\"")));
	}

	static Stream<Named<RefusedRequest>> refusedRequests() {
		return Stream.of(
				named("signed with another key",
						unauthorized(signed(discordKeyPair().getPrivate(), now(), COMMAND))
							.saying("The Discord signature does not match the request.")),
				// Discord checks an endpoint with such requests and removes one that
				// accepts them
				named("unsigned ping",
						unauthorized(request(fixtureText("/chat/discord/ping.json").getBytes(StandardCharsets.UTF_8)))),
				named("signed long ago",
						unauthorized(signed(KEYS.getPrivate(),
								String.valueOf(Instant.now().minusSeconds(600).getEpochSecond()), COMMAND))),
				named("not JSON", invalidRequest(signed("{\"type\": "))),
				named("command without user", invalidRequest(signed(COMMAND.replace("\"member\"", "\"other\"")))
					.saying("The Discord interaction has no 'member.user.id or user.id'.")));
	}

	@Test
	void receiveWhenAnotherCommandOrAComponentShouldSayWhatItRunsAndRunNothing() throws Exception {
		for (String body : new String[] { COMMAND.replace("\"name\": \"st2\"", "\"name\": \"deploy\""),
				COMMAND.replace("\"type\": 2,", "\"type\": 3,") }) {
			this.mvc.perform(signed(body))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.type").value(4))
				.andExpect(jsonPath("$.data.flags").value(64))
				.andExpect(jsonPath("$.data.content").value(DiscordWebhookController.NOT_A_COMMAND));
		}
		assertThat(this.handler.commands()).isEmpty();
	}

	@Test
	void receiveWhenTheSameInteractionComesTwiceShouldRunOnce() throws Exception {
		String twice = COMMAND.replace("786008729715212338", "786008729715212302");
		this.handler.answer((command) -> List.of());
		this.mvc.perform(signed(twice)).andExpect(content().json("{\"type\":5}"));
		this.mvc.perform(signed(twice)).andExpect(content().json("{\"type\":5}"));
		await().untilAsserted(() -> assertThat(this.handler.finished()).hasSize(1));
		assertThat(this.handler.commands()).hasSize(1);
	}

	@Test
	void receiveWhenStateStoreIsDownShouldBe503WithRetryAfterAndRunNothing() throws Exception {
		assertUnavailableWhileStateStoreIsDown(signed(COMMAND.replace("786008729715212338", "786008729715212303")));
	}

	private static MockHttpServletRequestBuilder signed(String json) {
		return signed(KEYS.getPrivate(), now(), json);
	}

	private static MockHttpServletRequestBuilder signed(PrivateKey key, String timestamp, String json) {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		String[] headers = discordSigned(key, timestamp, body);
		return request(body).header(headers[0], headers[1]).header(headers[2], headers[3]);
	}

	private static MockHttpServletRequestBuilder request(byte[] body) {
		return post("/chat/discord").contentType(MediaType.APPLICATION_JSON).content(body);
	}

	private static String now() {
		return String.valueOf(Instant.now().getEpochSecond());
	}

}
