package io.github.st2chatops.gateway.command;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.st2chatops.gateway.chat.WebhookTestSupport;
import io.github.st2chatops.gateway.support.GatewayHttp.Response;
import io.github.st2chatops.gateway.support.GatewayIntegrationTestBase;
import io.github.st2chatops.gateway.support.St2WireMock;
import io.github.st2chatops.gateway.support.StubServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The access policy and the rate limits end to end: the service on a random port,
 * WireMock as st2 and as the generic webhook's callback endpoint.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "gateway.st2.api-key=st2-test-api-key", "gateway.st2.retry.max-retries=0",
				"gateway.catalog.refresh-interval=1h", "gateway.api.keys.ci.token=ci-secret-token-0001",
				"gateway.api.keys.ci.user=ci-bot", "gateway.api.keys.ops.token=ops-secret-token-0002",
				"gateway.api.keys.ops.user=operator", "gateway.api.keys.burst.token=burst-secret-token-003",
				"gateway.api.keys.burst.user=burst", "gateway.access.default=deny",
				"gateway.access.rules[0].users=api:ops,api:burst", "gateway.access.rules[0].effect=allow",
				"gateway.access.rules[1].aliases=*.restart*", "gateway.access.rules[1].effect=deny",
				"gateway.access.rules[2].users=api:ci,generic:alice", "gateway.access.rules[2].packs=ops,linux",
				"gateway.access.rules[2].effect=allow", "gateway.rate-limit.per-user=3/1h",
				"gateway.chat.generic.secret=" + AccessIntegrationTests.SECRET })
class AccessIntegrationTests extends GatewayIntegrationTestBase {

	static final String SECRET = "generic-secret-for-access-tests";

	@RegisterExtension
	static final StubServer st2 = StubServer.st2();

	@RegisterExtension
	static final StubServer callback = StubServer.serving("gateway.chat.generic.callback-url", "/callback");

	static final AtomicInteger sequence = new AtomicInteger();

	@BeforeEach
	void loadCatalog() {
		st2.resetAll();
		callback.resetAll();
		callback.stubFor(post("/callback").willReturn(ok()));
		St2WireMock.stubSampleCatalog(st2);
		St2WireMock.stubDeployStarted(st2, "5f1a7e2b9c1d4a0001e0e001");
		syncCatalog();
	}

	@Test
	void runWhenRuleDeniesShouldAnswerDeniedNamingNoAliasAndSendNothingToSt2() {
		Response response = this.http.command("ci-secret-token-0001", "restart nginx");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).containsEntry("outcome", "denied")
			.containsEntry("reply", "You may not run that here; nothing ran.")
			.doesNotContainKey("alias")
			.doesNotContainKey("format");
		assertThat(response.body()).doesNotContain("ops.restart").doesNotContain("restart <service>");
		st2.verify(0, postRequestedFor(urlEqualTo("/api/v1/aliasexecution")));
	}

	@Test
	void runWhenRuleAllowsShouldExecute() {
		Response response = this.http.command("ci-secret-token-0001", "deploy web to prod");

		assertThat(response.json()).containsEntry("outcome", "executed").containsEntry("alias", "ops.deploy");
		st2.verify(1,
				postRequestedFor(urlEqualTo("/api/v1/aliasexecution")).withRequestBody(matchingJsonPath("$.command",
						com.github.tomakehurst.wiremock.client.WireMock.equalTo("deploy web to prod"))));
	}

	@Test
	void firstMatchingRuleShouldWinOverLaterDenials() {
		Response response = this.http.command("ops-secret-token-0002", "restart nginx");

		assertThat(response.json()).containsEntry("outcome", "executed").containsEntry("alias", "ops.restart");
		st2.verify(1, postRequestedFor(urlEqualTo("/api/v1/aliasexecution")));
	}

	@Test
	void helpShouldListOnlyWhatTheKeyMayRun() {
		Map<String, Object> body = this.http.command("ci-secret-token-0001", "help").json();

		assertThat(body).containsEntry("outcome", "help");
		assertThat((String) body.get("reply")).contains("deploy {{app}} to {{env=staging}}")
			.contains("uptime on {{hosts}}")
			.contains("(1-2 of 2)")
			.doesNotContain("restart")
			.doesNotContain("status")
			.doesNotContain("alpha")
			.doesNotContain("beta");
		Map<String, Object> everything = this.http.command("ops-secret-token-0002", "help").json();
		assertThat((String) everything.get("reply")).contains("restart").contains("status {{thing}}");
	}

	@Test
	void dryRunOfAForbiddenAliasShouldLookLikeNoMatch() {
		Map<String, Object> body = this.http.dryRun("ci-secret-token-0001", "restart nginx").json();

		assertThat(body).containsEntry("outcome", "no_match").doesNotContainKey("alias");
		assertThat((String) body.get("reply")).doesNotContain("ops.restart").doesNotContain("restart <service>");
		Map<String, Object> allowed = this.http.dryRun("ci-secret-token-0001", "uptime on web1").json();
		assertThat(allowed).containsEntry("outcome", "matched").containsEntry("alias", "linux.uptime");
	}

	@Test
	void ambiguityBetweenForbiddenAliasesShouldNameNone() {
		Map<String, Object> body = this.http.command("ci-secret-token-0001", "!st2 status disk").json();

		// as docs/access.md says: with no candidate allowed, as if nothing matched
		assertThat(body).containsEntry("outcome", "no_match").doesNotContainKey("candidates");
		assertThat(body.toString()).doesNotContain("alpha.status").doesNotContain("beta.status");
		st2.verify(0, postRequestedFor(urlEqualTo("/api/v1/aliasexecution")));
	}

	@Test
	void genericWebhookWhenNoRuleMatchesShouldApplyTheDefaultDenyAndSendNothingToSt2() {
		Response response = sendGeneric("mallory", "!st2 deploy web to prod");

		assertThat(response.status()).isEqualTo(202);
		String reply = awaitCallbackText();
		assertThat(reply).isEqualTo("You may not run that here; nothing ran.");
		st2.verify(0, postRequestedFor(urlEqualTo("/api/v1/aliasexecution")));
	}

	@Test
	void genericWebhookWhenUserIsAllowedShouldRun() {
		Response response = sendGeneric("alice", "!st2 deploy web to prod");

		assertThat(response.status()).isEqualTo(202);
		assertThat(awaitCallbackText()).contains("Deploying web");
		st2.verify(1, postRequestedFor(urlEqualTo("/api/v1/aliasexecution")));
	}

	@Test
	void runsBeyondThePerUserLimitShouldBeRefusedWithoutReachingSt2AndHelpTooButDryRunsGoOn() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.http.command("burst-secret-token-003", "uptime on web1").json()).containsEntry("outcome",
					"executed");
		}
		Response limited = this.http.command("burst-secret-token-003", "uptime on web1");

		assertThat(limited.status()).isEqualTo(200);
		assertThat(limited.json()).containsEntry("outcome", "refused");
		assertThat((String) limited.json().get("reply"))
			.matches("You're running commands too fast; try again in \\d+ s\\. Nothing ran\\.");
		st2.verify(3, postRequestedFor(urlEqualTo("/api/v1/aliasexecution")));
		assertThat(this.http.dryRun("burst-secret-token-003", "uptime on web1").json()).containsEntry("outcome",
				"matched");
		// help runs the caller's regular expression: limited like a command
		assertThat(this.http.command("burst-secret-token-003", "help").json()).containsEntry("outcome", "refused");
	}

	private Response sendGeneric(String user, String text) {
		byte[] body = """
				{"text": "%s", "user": "%s", "channel": "builds-%d"}"""
			.formatted(text, user, sequence.incrementAndGet())
			.getBytes(StandardCharsets.UTF_8);
		String timestamp = Long.toString(Instant.now().getEpochSecond());
		String[] signature = WebhookTestSupport.genericSigned(SECRET, timestamp, body);
		return this.http.postBytes("/chat/generic", body, "Content-Type", "application/json", signature[0],
				signature[1], signature[2], signature[3]);
	}

	private static String awaitCallbackText() {
		await().atMost(java.time.Duration.ofSeconds(10))
			.until(() -> !callback.findAll(postRequestedFor(urlEqualTo("/callback"))).isEmpty());
		List<com.github.tomakehurst.wiremock.verification.LoggedRequest> requests = callback
			.findAll(postRequestedFor(urlEqualTo("/callback")));
		assertThat(requests).hasSize(1);
		String body = requests.get(0).getBodyAsString();
		Map<?, ?> json = tools.jackson.databind.json.JsonMapper.builder().build().readValue(body, Map.class);
		return (String) json.get("text");
	}

}
