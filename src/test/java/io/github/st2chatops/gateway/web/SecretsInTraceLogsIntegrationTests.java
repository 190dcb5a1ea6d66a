package io.github.st2chatops.gateway.web;

import io.github.st2chatops.gateway.alias.AliasCatalogSynchronizer;
import io.github.st2chatops.gateway.support.GatewayHttp;
import io.github.st2chatops.gateway.support.St2WireMock;
import io.github.st2chatops.gateway.support.StubServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With every logger at TRACE ({@code logging.level.root=TRACE}, set here once the gateway
 * is up), the loggers that print raw requests, request bodies and outgoing calls stay
 * pinned in application.yaml, so no API key, relay token, Mattermost token or bot token
 * or st2 API key reaches the log. The secrets are set through a dynamic property source,
 * which the test framework's own TRACE lines do not print.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "gateway.api.keys.ci.user=ci-bot", "gateway.chat.mattermost.url=http://127.0.0.1:9",
				"gateway.catalog.refresh-interval=1h", "gateway.st2.retry.max-retries=0" })
@ExtendWith(OutputCaptureExtension.class)
class SecretsInTraceLogsIntegrationTests {

	private static final String API_KEY = "apikey-7Q2xW9vLk3";

	private static final String RELAY_TOKEN = "relaytoken-Zt5pR8nM2c";

	private static final String MATTERMOST_TOKEN = "mmtoken8h3k2j5g7f";

	private static final String MATTERMOST_BOT_TOKEN = "mmbot4r7t1y9u2";

	private static final String ST2_API_KEY = "st2key-N4b8V1c6X3";

	@RegisterExtension
	static final StubServer st2 = StubServer.st2();

	// not inline properties: the test framework prints those at TRACE
	@DynamicPropertySource
	static void secrets(DynamicPropertyRegistry registry) {
		registry.add("gateway.st2.api-key", () -> ST2_API_KEY);
		registry.add("gateway.api.keys.ci.token", () -> API_KEY);
		registry.add("gateway.relay.token", () -> RELAY_TOKEN);
		registry.add("gateway.chat.mattermost.token", () -> MATTERMOST_TOKEN);
		registry.add("gateway.chat.mattermost.bot-token", () -> MATTERMOST_BOT_TOKEN);
	}

	@LocalServerPort
	int port;

	@Autowired
	LoggingSystem loggingSystem;

	@Autowired
	AliasCatalogSynchronizer synchronizer;

	@AfterEach
	void resetRoot() {
		this.loggingSystem.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.INFO);
	}

	@Test
	void requestsWhenRootLoggerIsAtTraceShouldLogNoSecret(CapturedOutput output) {
		St2WireMock.stubSampleCatalog(st2);
		St2WireMock.stubDeployStarted(st2, "5f1a7e2b9c1d4a0001e0e0aa");
		assertThat(this.synchronizer.sync()).isTrue();
		GatewayHttp http = new GatewayHttp(this.port);
		this.loggingSystem.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.TRACE);

		GatewayHttp.Response command = http.postJson("/api/v1/commands", API_KEY, "{\"text\": \"deploy web to prod\"}");
		GatewayHttp.Response notification = http.postJson("/api/v1/st2/notifications", RELAY_TOKEN,
				"{\"message\": \"done\", \"channel\": \"api:ci-bot\"}");
		GatewayHttp.Response slashCommand = http.post("/chat/mattermost",
				"channel_id=cniah6qa73bjjjan6mzn11f4ie&command=%2Fst2&team_id=rdc9bgriktyx9p4kowh3"
						+ "dmgqyc&text=help&token=" + MATTERMOST_TOKEN
						+ "&trigger_id=t1&user_id=c3a4cqe3dfy6dgopqt8ai3hydh" + "&user_name=somename",
				"Content-Type", "application/x-www-form-urlencoded");

		// each request was taken (so the code that reads its secret ran), the st2 call
		// was made, and TRACE is on: Spring MVC's own request lines are there
		assertThat(command.status()).isEqualTo(200);
		assertThat(notification.status()).isEqualTo(202);
		assertThat(slashCommand.status()).isEqualTo(200);
		st2.verify(postRequestedFor(urlPathEqualTo(St2WireMock.ALIAS_EXECUTION_PATH)).withHeader("St2-Api-Key",
				equalTo(ST2_API_KEY)));
		assertThat(output).contains("TRACE").contains("/api/v1/st2/notifications");
		assertThat(output).doesNotContain(API_KEY, RELAY_TOKEN, MATTERMOST_TOKEN, MATTERMOST_BOT_TOKEN, ST2_API_KEY);
	}

}
