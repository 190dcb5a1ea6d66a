package io.github.st2chatops.gateway.abuse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.github.st2chatops.gateway.support.GatewayHttp;
import io.github.st2chatops.gateway.support.GatewayHttp.Response;
import io.github.st2chatops.gateway.support.GatewayIntegrationTestBase;
import io.github.st2chatops.gateway.support.MutableClock;
import io.github.st2chatops.gateway.support.St2WireMock;
import io.github.st2chatops.gateway.support.StubServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.st2chatops.gateway.chat.WebhookTestSupport.stubInTurn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * st2's auth service down while the gateway's token is due for renewal (username and
 * password auth): commands go on with the token while it works, then get a clear
 * sentence, and the service stays live.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "gateway.st2.username=chatops_bot", "gateway.st2.password=bot-password-for-tests",
				"gateway.st2.retry.max-retries=0", "gateway.catalog.refresh-interval=1h",
				"gateway.api.keys.ci.token=ci-secret-token-0001", "gateway.api.keys.ci.user=ci-bot" })
@Import(St2TokenRenewalFaultIntegrationTests.Clocks.class)
class St2TokenRenewalFaultIntegrationTests extends GatewayIntegrationTestBase {

	static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

	static final MutableClock clock = MutableClock.at(NOW);

	static final String TOKEN = "5e86421776f946e98faea41e5e4f5d34";

	@RegisterExtension
	static final StubServer st2 = StubServer.st2();

	static {
		// st2's token answer (st2auth TokenController), expiry as st2 formats it
		String expiry = St2WireMock.ST2_ISOTIME.format(NOW.plus(Duration.ofHours(24)));
		stubInTurn(st2, () -> post(urlEqualTo("/auth/v1/tokens")),
				aResponse().withStatus(201)
					.withHeader("Content-Type", "application/json")
					.withBody("{\"user\": \"chatops_bot\", \"token\": \"" + TOKEN + "\", \"expiry\": \"" + expiry
							+ "\", \"ttl\": 86400, \"id\": \"5e86421776f946e98faea41e\", \"metadata\": {}}"),
				aResponse().withStatus(503)
					.withHeader("Content-Type", "text/html")
					.withBody("<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>"));
		St2WireMock.stubSampleCatalog(st2);
		St2WireMock.stubDeployStarted(st2, "5f1a7e2b9c1d4a0001e0e001");
	}

	@Test
	void authDownDuringRenewalShouldKeepUsingTheTokenThenSaySoClearly() {
		GatewayHttp http = new GatewayHttp(this.port);
		syncCatalog();
		assertThat(run(http)).containsEntry("outcome", "executed");

		// renewal is due (within the margin before expiry) but st2's auth service is down
		clock.advance(Duration.ofHours(23));
		assertThat(run(http)).containsEntry("outcome", "executed");
		st2.verify(2,
				postRequestedFor(urlEqualTo("/api/v1/aliasexecution")).withHeader("X-Auth-Token", equalTo(TOKEN)));
		assertThat(st2.findAll(postRequestedFor(urlEqualTo("/auth/v1/tokens"))).size()).isGreaterThanOrEqualTo(2);

		// the token has expired and st2's auth service is still down
		clock.advance(Duration.ofHours(2));
		Response response = http.postJson("/api/v1/commands", "ci-secret-token-0001", """
				{"text": "deploy web to prod"}""");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).containsEntry("outcome", "unavailable");
		assertThat((String) response.json().get("reply")).contains("nothing ran").doesNotContain("<html");
		st2.verify(2, postRequestedFor(urlEqualTo("/api/v1/aliasexecution")));
		assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);
	}

	private static java.util.Map<String, Object> run(GatewayHttp http) {
		return http.postJson("/api/v1/commands", "ci-secret-token-0001", """
				{"text": "deploy web to prod"}""").json();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Clocks {

		@Bean
		@Primary
		Clock testClock() {
			return clock;
		}

	}

}
