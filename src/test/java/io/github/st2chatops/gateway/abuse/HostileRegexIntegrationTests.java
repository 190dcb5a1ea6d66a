package io.github.st2chatops.gateway.abuse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.st2chatops.gateway.support.GatewayHttp.Response;
import io.github.st2chatops.gateway.support.GatewayIntegrationTestBase;
import io.github.st2chatops.gateway.support.StubServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Regular expressions meant to hold the CPU: a help filter typed in chat and an alias
 * format from st2 with nested repeats. Each is cut off with a clear reply, help is
 * rate-limited like any command, and other users' commands keep running.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "gateway.st2.api-key=st2-test-api-key", "gateway.catalog.refresh-interval=1h",
				"gateway.api.keys.ci.token=ci-secret-token-0001", "gateway.api.keys.ci.user=ci-bot",
				"gateway.api.keys.ops.token=ops-secret-token-0002", "gateway.api.keys.ops.user=ops-bot",
				"gateway.rate-limit.per-user=20/1m", "gateway.rate-limit.per-channel=1000/1m" })
class HostileRegexIntegrationTests extends GatewayIntegrationTestBase {

	static final String CI = "ci-secret-token-0001";

	static final String OPS = "ops-secret-token-0002";

	static final String NESTED_FILTER = "(((((((.*)*)*)*)*)*)*)*zz";

	@RegisterExtension
	static final StubServer st2 = StubServer.st2();

	@BeforeEach
	void loadCatalog() throws IOException {
		st2.resetAll();
		String aliases = resource("/command/aliases.json");
		// one more alias whose format backtracks without end on any line that does not
		// end in zz
		String hostile = """
				{"id": "5f1a7e2b9c1d4a0001a1b0ff", "name": "hostile", "pack": "evil", "ref": "evil.hostile",
				 "uid": "action:evil:hostile", "description": "Backtracks", "enabled": true,
				 "action_ref": "core.local", "formats": ["((.*)*)*zz {{x}}", "(((((.*)*)*)*)*)*zz {{x}}"]},""";
		aliases = aliases.replaceFirst("\\[", "[" + hostile);
		st2.stubFor(get(urlPathEqualTo("/api/v1/actionalias"))
			.willReturn(okJson(aliases).withHeader("X-Total-Count", "7").withHeader("X-Limit", "100")));
		st2.stubFor(post(urlEqualTo("/api/v1/aliasexecution"))
			.willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("""
					{"execution": {"id": "65f0c0ffee0123456789abcd", "status": "requested",
					 "action": {"ref": "ops.deploy_app"}, "parameters": {}, "context": {"user": "ops-bot"},
					 "start_timestamp": "2026-11-24T10:00:00.000000Z"},
					 "actionalias": {"name": "deploy", "pack": "ops"}}""")));
		// the sync at start-up met an empty WireMock and may have opened the breaker
		closeCircuitBreakers();
		await().atMost(Duration.ofSeconds(10)).until(this.synchronizer::sync);
	}

	@Test
	void helpWhenFilterNestsRepeatsShouldAnswerThatItWasStopped() {
		long started = System.nanoTime();
		Response response = this.http.postJson("/api/v1/commands", CI,
				"{\"text\": \"!st2 help " + NESTED_FILTER + "\"}");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).containsEntry("outcome", "help");
		assertThat((String) response.json().get("reply")).startsWith("The filter '" + NESTED_FILTER + "'")
			.contains("needs too much work")
			.contains("the search was stopped");
	}

	@Test
	void helpWhenFilterBacktracksPastTheStepBudgetShouldAnswerThatItWasStopped() {
		Response response = this.http.postJson("/api/v1/commands", CI, """
				{"text": "!st2 help ((.*)*)*zz"}""");
		assertThat(response.json()).containsEntry("outcome", "help");
		assertThat((String) response.json().get("reply")).contains("the search was stopped");
	}

	@Test
	void commandWhenOnlyAHostileFormatWasTriedShouldSayItWasStopped() {
		Response response = this.http.postJson("/api/v1/commands", CI, """
				{"text": "!st2 nothing like any alias here, just a long line of words"}""");
		assertThat(response.json()).containsEntry("outcome", "no_match");
		assertThat((String) response.json().get("reply")).contains("evil.hostile")
			.contains("needed too much work and was stopped")
			.contains("nothing ran");
	}

	@Test
	void catalogStatusShouldListTheFormatTooCostlyToRun() {
		Map<String, Object> catalog = this.http.get("/api/v1/aliases", "Authorization", "Bearer " + CI).json();
		assertThat(catalog.get("invalid_formats")).asList()
			.contains(Map.of("alias", "evil.hostile", "format", "(((((.*)*)*)*)*)*zz {{x}}", "reason",
					"too costly to run: repeats that can match empty are nested 5 deep, more than 2"));
	}

	@Test
	void burstOfHostileFiltersShouldBeLimitedAndLeaveOtherUsersCommandsRunning() throws Exception {
		List<CompletableFuture<Response>> burst = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			burst.add(CompletableFuture.supplyAsync(() -> this.http.postJson("/api/v1/commands", CI, """
					{"text": "!st2 help ((.*)*)*zz"}""")));
		}
		long started = System.nanoTime();
		Response other = this.http.postJson("/api/v1/commands", OPS, """
				{"text": "!st2 deploy web to prod"}""");
		assertThat(other.json()).containsEntry("outcome", "executed");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
		List<Object> outcomes = new ArrayList<>();
		for (CompletableFuture<Response> response : burst) {
			outcomes.add(response.get(30, TimeUnit.SECONDS).json().get("outcome"));
		}
		// 20 a minute for one user (other tests of this class use some): the rest is
		// refused before any regex runs
		assertThat(outcomes).filteredOn("refused"::equals).hasSizeGreaterThanOrEqualTo(10);
		assertThat(outcomes).filteredOn("help"::equals).hasSizeLessThanOrEqualTo(20);
		assertThat(outcomes).containsOnly("refused", "help");
	}

	static String resource(String path) throws IOException {
		try (InputStream in = HostileRegexIntegrationTests.class.getResourceAsStream(path)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
