package io.github.st2chatops.gateway.abuse;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.http.Fault;
import io.github.st2chatops.gateway.support.GatewayHttp.Response;
import io.github.st2chatops.gateway.support.GatewayIntegrationTestBase;
import io.github.st2chatops.gateway.support.St2WireMock;
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
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * st2 misbehaving under the REST API: slow beyond the read timeout, resetting
 * connections, answering with a proxy's HTML page. The service stays responsive and
 * answers each command with a clear sentence.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "gateway.st2.api-key=st2-test-api-key", "gateway.st2.retry.max-retries=0",
				"gateway.st2.read-timeout=500ms", "gateway.catalog.refresh-interval=1h",
				"gateway.api.keys.ci.token=ci-secret-token-0001", "gateway.api.keys.ci.user=ci-bot" })
class St2FaultIntegrationTests extends GatewayIntegrationTestBase {

	static final String CI = "ci-secret-token-0001";

	@RegisterExtension
	static final StubServer st2 = StubServer.st2(options().containerThreads(20));

	@BeforeEach
	void loadCatalog() {
		st2.resetAll();
		// each test starts with st2 trusted again: the breaker's opening is tested on its
		// own
		closeCircuitBreakers();
		St2WireMock.stubSampleCatalog(st2);
		// a connection st2 reset in the previous test may still sit in the client's pool
		// and
		// fail one sync; the synchronizer keeps the last good catalog, so try again
		await().atMost(Duration.ofSeconds(10)).until(this.synchronizer::sync);
	}

	@Test
	void slowSt2ShouldBeAnsweredAfterTheReadTimeoutWhileTheServiceStaysLive() throws Exception {
		st2.stubFor(post(urlEqualTo("/api/v1/aliasexecution"))
			.willReturn(okJson("{}").withStatus(201).withFixedDelay(3000)));

		CompletableFuture<Response> slow = CompletableFuture
			.supplyAsync(() -> this.http.postJson("/api/v1/commands", CI, """
					{"text": "deploy web to prod"}"""));
		// while the command waits on st2, the service answers its probes
		while (st2.findAll(postRequestedFor(urlEqualTo("/api/v1/aliasexecution"))).isEmpty()) {
			assertThat(slow).isNotDone();
			Thread.onSpinWait();
		}
		long started = System.nanoTime();
		Response liveness = this.http.get("/actuator/health/liveness");
		assertThat(liveness.status()).isEqualTo(200);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(400));

		Response response = slow.get(10, TimeUnit.SECONDS);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).containsEntry("outcome", "unavailable")
			.containsEntry("reply", "st2 did not answer in time, so ops.deploy may or may not have started."
					+ " Check st2's execution history before you run it again.");
		st2.verify(1, postRequestedFor(urlEqualTo("/api/v1/aliasexecution")));
	}

	@Test
	void connectionResetShouldBeAnsweredWithASentence() {
		st2.stubFor(post(urlEqualTo("/api/v1/aliasexecution"))
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		Response response = this.http.postJson("/api/v1/commands", CI, """
				{"text": "deploy web to prod"}""");

		assertThat(response.status()).isEqualTo(200);
		Map<String, Object> body = response.json();
		assertThat(body).containsEntry("outcome", "unavailable");
		assertThat((String) body.get("reply")).endsWith(".").doesNotContain("Exception").doesNotContain("reset");
	}

	@Test
	void proxyHtmlPageShouldBeAnsweredWithoutTheHtml() {
		st2.stubFor(post(urlEqualTo("/api/v1/aliasexecution")).willReturn(aResponse().withStatus(502)
			.withHeader("Content-Type", "text/html")
			.withBody("<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>")));

		Response response = this.http.postJson("/api/v1/commands", CI, """
				{"text": "deploy web to prod"}""");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).containsEntry("outcome", "unavailable");
		assertThat(response.body()).doesNotContain("<html").doesNotContain("nginx");
	}

	@Test
	void repeatedFailuresShouldOpenTheBreakerAndAnswerAtOnceWithoutCallingSt2() {
		st2.stubFor(post(urlEqualTo("/api/v1/aliasexecution"))
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		for (int i = 0; i < 5; i++) {
			assertThat(this.http.postJson("/api/v1/commands", CI, """
					{"text": "deploy web to prod"}""").json()).containsEntry("outcome", "unavailable");
		}
		int calls = st2.findAll(postRequestedFor(urlEqualTo("/api/v1/aliasexecution"))).size();

		Response response = this.http.postJson("/api/v1/commands", CI, """
				{"text": "deploy web to prod"}""");

		assertThat(response.json()).containsEntry("outcome", "unavailable")
			.containsEntry("reply", "st2 is unavailable right now, so nothing ran. Try again in a minute.");
		st2.verify(calls, postRequestedFor(urlEqualTo("/api/v1/aliasexecution")));
		assertThat(this.http.get("/actuator/health/liveness").status()).isEqualTo(200);
	}

	@Test
	void dryRunAndHelpShouldWorkWhileSt2IsDown() {
		st2.stubFor(post(urlEqualTo("/api/v1/aliasexecution"))
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		assertThat(this.http.postJson("/api/v1/commands/match", CI, """
				{"text": "deploy web to prod"}""").json()).containsEntry("outcome", "matched");
		assertThat(this.http.postJson("/api/v1/commands", CI, """
				{"text": "help"}""").json()).containsEntry("outcome", "help");
		st2.verify(0, postRequestedFor(urlEqualTo("/api/v1/aliasexecution")));
	}

}
