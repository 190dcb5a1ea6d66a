package io.github.st2chatops.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.st2chatops.gateway.alias.AliasCatalogSynchronizer;
import io.github.st2chatops.gateway.simulator.DemoChat;
import io.github.st2chatops.gateway.simulator.SimulatedSt2;
import io.github.st2chatops.gateway.simulator.SimulatorConfiguration;
import io.github.st2chatops.gateway.simulator.SimulatorSettings;
import io.github.st2chatops.gateway.support.GatewayHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole loop a newcomer sees with the README's run command: a command over the REST
 * API runs an alias in the simulated st2, st2 acks, the execution completes, st2 posts
 * the result notification back, and the gateway relays it to the channel the command
 * named (the demo chat, on the generic webhook platform) exactly once.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(SimulatorConfiguration.class)
class DemoLoopIntegrationTests {

	static final SimulatedSt2 st2 = SimulatedSt2
		.start(SimulatorSettings.defaults().withPort(0).withCompletionDelay(Duration.ofMillis(300)));

	static {
		DemoChat.attach(st2.wireMock(), System.out);
	}

	@DynamicPropertySource
	static void gateway(DynamicPropertyRegistry registry) {
		st2.gatewayProperties().forEach((name, value) -> registry.add(name, () -> value));
		registry.add("gateway.relay.token", () -> "demo-relay-token-for-tests");
		registry.add("gateway.api.keys.demo.token", () -> "demo-api-token-for-tests");
		registry.add("gateway.api.keys.demo.user", () -> "demo");
		registry.add("gateway.chat.generic.secret", () -> "demo-generic-webhook-secret");
		registry.add("gateway.chat.generic.callback-url", () -> st2.url() + DemoChat.PATH);
	}

	@AfterAll
	static void stopSt2() {
		st2.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	AliasCatalogSynchronizer synchronizer;

	@Test
	void commandWithAChannelShouldGetItsAckAndThenItsResultInThatChannelOnce() {
		assertThat(this.synchronizer.sync()).isTrue();

		Map<String, Object> answer = new GatewayHttp(this.port)
			.postJson("/api/v1/commands", "demo-api-token-for-tests", """
					{"text": "!st2 run date on localhost", "channel": "generic:demo"}""")
			.json();

		assertThat(answer).containsEntry("outcome", "executed").containsEntry("alias", "examples.remote_shell_cmd");
		assertThat((String) answer.get("reply")).contains("date").contains("/#/history/");
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(demoChatMessages()).singleElement()
				.satisfies((message) -> assertThat(message).containsEntry("channel", "demo")
					.containsEntry("whisper", false)
					.hasEntrySatisfying("text", (text) -> assertThat((String) text).isNotBlank())));
		assertThat(st2.stubs().executions()).hasSize(1);
		// st2 will not post it again, and nothing else reached the demo chat in the
		// meantime
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(2))
			.until(() -> demoChatMessages().size() == 1);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> demoChatMessages() {
		JsonMapper json = JsonMapper.builder().build();
		return st2.wireMock()
			.findAll(postRequestedFor(urlEqualTo(DemoChat.PATH)))
			.stream()
			.map(LoggedRequest::getBodyAsString)
			.map((body) -> (Map<String, Object>) json.readValue(body, Map.class))
			.toList();
	}

}
