package io.github.st2chatops.gateway.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.st2chatops.gateway.GatewayApplication;
import io.github.st2chatops.gateway.support.St2WireMock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A REST command whose st2 call is in flight when the gateway is told to stop is not cut
 * off: the graceful shutdown phase covers one st2 call, and the caller gets the
 * execution. Short timeouts keep it quick: st2 takes 2 s, the st2 read timeout is 15 s,
 * the shutdown phase 20 s.
 */
class CommandShutdownIntegrationTests {

	private static final String EXECUTION_ID = "5f1a7e2b9c1d4a0001e0e0ff";

	private static final String API_KEY = "ci-secret-token-0001";

	private final WireMockServer st2 = new WireMockServer(options().dynamicPort());

	private ConfigurableApplicationContext context;

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
		this.st2.stop();
	}

	@Test
	void restCommandInFlightDuringShutdownShouldFinishAndAnswerWithTheExecution() throws Exception {
		this.st2.start();
		St2WireMock.stubSampleCatalog(this.st2);
		this.st2.stubFor(post(urlPathEqualTo(St2WireMock.ALIAS_EXECUTION_PATH))
			.willReturn(St2WireMock.deployStarted(EXECUTION_ID).withFixedDelay(2_000)));
		this.context = new SpringApplicationBuilder(GatewayApplication.class).run("--server.port=0",
				"--gateway.st2.url=" + this.st2.baseUrl(), "--gateway.st2.api-key=st2-test-api-key",
				"--gateway.st2.connect-timeout=1s", "--gateway.st2.read-timeout=15s",
				"--gateway.st2.retry.max-retries=0", "--spring.lifecycle.timeout-per-shutdown-phase=20s",
				"--spring.task.execution.shutdown.await-termination-period=20s",
				"--gateway.api.keys.ci.token=" + API_KEY, "--gateway.api.keys.ci.user=ci-bot");
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		await().atMost(Duration.ofSeconds(30)).until(() -> catalogLoaded(port));

		CompletableFuture<HttpResponse<String>> answer = HttpClient.newHttpClient()
			.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/commands"))
				.header("Authorization", "Bearer " + API_KEY)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"deploy web to prod\"}"))
				.timeout(Duration.ofSeconds(40))
				.build(), HttpResponse.BodyHandlers.ofString());
		await().atMost(Duration.ofSeconds(10))
			.until(() -> !this.st2.findAll(postRequestedFor(urlPathEqualTo(St2WireMock.ALIAS_EXECUTION_PATH)))
				.isEmpty());
		assertThat(answer).isNotDone();

		ConfigurableApplicationContext stopping = this.context;
		CompletableFuture<Void> closed = CompletableFuture.runAsync(stopping::close);

		HttpResponse<String> response = answer.get(40, TimeUnit.SECONDS);
		assertThat(response.statusCode()).isEqualTo(200);
		Map<?, ?> body = JsonMapper.builder().build().readValue(response.body(), Map.class);
		assertThat(body.get("outcome")).isEqualTo("executed");
		assertThat(((Map<?, ?>) body.get("execution")).get("id")).isEqualTo(EXECUTION_ID);
		closed.get(40, TimeUnit.SECONDS);
		assertThat(stopping.isActive()).isFalse();
		this.context = null;
	}

	private static boolean catalogLoaded(int port) throws Exception {
		HttpResponse<String> aliases = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/aliases"))
				.header("Authorization", "Bearer " + API_KEY)
				.build(), HttpResponse.BodyHandlers.ofString());
		return aliases.statusCode() == 200 && aliases.body().contains("ops.deploy");
	}

}
