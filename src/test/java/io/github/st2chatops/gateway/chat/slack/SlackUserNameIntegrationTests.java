package io.github.st2chatops.gateway.chat.slack;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.test.context.TestPropertySource;

import io.github.st2chatops.gateway.chat.ChatCommand;
import io.github.st2chatops.gateway.chat.WebhookIntegrationTestBase;
import io.github.st2chatops.gateway.support.GatewayHttp;
import io.github.st2chatops.gateway.support.StubServer;

import static io.github.st2chatops.gateway.chat.WebhookTestSupport.fixtureText;
import static io.github.st2chatops.gateway.chat.WebhookTestSupport.slackSigned;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code user-field: name}: st2 sees Slack user names, read from the slash command or,
 * for events, from {@code users.info}.
 */
@TestPropertySource(properties = { "gateway.chat.slack.user-field=name",
		"gateway.chat.slack.signing-secret=" + SlackWebhookIntegrationTests.SECRET,
		"gateway.chat.slack.bot-token=" + SlackWebhookIntegrationTests.BOT_TOKEN })
class SlackUserNameIntegrationTests extends WebhookIntegrationTestBase {

	@RegisterExtension
	static final StubServer slack = StubServer.serving("gateway.chat.slack.api-url", "/api").resettingBeforeEach();

	@BeforeEach
	void setUp() {
		SlackWebhookIntegrationTests.slackTakesEveryMessage(slack);
	}

	@Test
	void slashCommandShouldRunAsTheUserName() {
		String body = fixtureText("/chat/slack/slash-command-signed-example.txt").replace(
				"https%3A%2F%2Fhooks.slack.com",
				java.net.URLEncoder.encode(slack.baseUrl(), java.nio.charset.StandardCharsets.UTF_8));

		assertThat(postSigned("/chat/slack/commands", body).status()).isEqualTo(200);

		await().untilAsserted(() -> assertThat(this.handler.finished()).hasSize(1));
		ChatCommand command = this.handler.commands().get(0);
		assertThat(command.address().userId()).isEqualTo("U2CERLKJA");
		assertThat(command.address().userName()).isEqualTo("roadrunner");
	}

	@Test
	void eventShouldRunAsTheNameSlackGivesAndAskOnlyOnce() {
		slack.stubFor(get(urlPathEqualTo("/api/users.info")).withQueryParam("user", equalTo("U123ABC456"))
			.willReturn(okJson(fixtureText("/chat/slack/users-info.json"))));
		String first = fixtureText("/chat/slack/app-mention.json");
		String second = first.replace("Ev123ABC456", "Ev123ABC457").replace("1515449522.000016", "1515449523.000016");

		assertThat(postSigned("/chat/slack/events", first).status()).isEqualTo(200);
		await().untilAsserted(() -> assertThat(this.handler.finished()).hasSize(1));
		assertThat(postSigned("/chat/slack/events", second).status()).isEqualTo(200);

		await().untilAsserted(() -> assertThat(this.handler.finished()).hasSize(2));
		assertThat(this.handler.commands()).extracting((command) -> command.address().userName())
			.containsExactly("spengler", "spengler");
		slack.verify(1, getRequestedFor(urlPathEqualTo("/api/users.info")).withHeader("Authorization",
				equalTo("Bearer " + SlackWebhookIntegrationTests.BOT_TOKEN)));
		await().untilAsserted(() -> slack.verify(2, postRequestedFor(urlEqualTo("/api/chat.postMessage"))));
	}

	@Test
	void eventWhenSlackWillNotSayTheNameShouldRunNothingAndTellTheUser() {
		slack.stubFor(get(urlPathEqualTo("/api/users.info"))
			.willReturn(okJson("{\"ok\": false, \"error\": \"missing_scope\", \"needed\": \"users:read\"}")));
		String event = fixtureText("/chat/slack/app-mention.json").replace("Ev123ABC456", "EvNoScope1")
			.replace("1515449522.000016", "1515449599.000016")
			.replace("U123ABC456", "U999NOSCOPE");

		assertThat(postSigned("/chat/slack/events", event).status()).isEqualTo(200);

		await().untilAsserted(() -> slack.verify(1, postRequestedFor(urlEqualTo("/api/chat.postEphemeral"))
			.withRequestBody(matchingJsonPath("$.user", equalTo("U999NOSCOPE")))
			.withRequestBody(matchingJsonPath("$.text", equalTo(
					"I could not look up your Slack user name, so nothing ran. The gateway's log says why (its Slack "
							+ "app may lack the users:read scope).")))));
		assertThat(this.handler.commands()).isEmpty();
	}

	private GatewayHttp.Response postSigned(String path, String body) {
		String[] headers = slackSigned(SlackWebhookIntegrationTests.SECRET, Instant.now(),
				body.getBytes(StandardCharsets.UTF_8));
		return new GatewayHttp(this.port).post(path, body, headers);
	}

}
