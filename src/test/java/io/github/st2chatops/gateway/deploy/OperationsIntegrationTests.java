package io.github.st2chatops.gateway.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.github.st2chatops.gateway.st2.St2Client;
import io.github.st2chatops.gateway.st2.St2NotFoundException;
import io.github.st2chatops.gateway.support.StubServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The application as the image and the chart run it, with actuator on its own port
 * ({@code MANAGEMENT_SERVER_PORT}): what Kubernetes probes, what Prometheus scrapes, and
 * what {@code /actuator/info} tells.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "gateway.st2.api-key=ops-test-api-key" })
class OperationsIntegrationTests {

	@RegisterExtension
	static final StubServer st2 = StubServer.st2();

	private static final JsonMapper json = JsonMapper.builder().build();

	static {
		// st2's answers as st2 sends them: a JSON list with X-Total-Count, and its 404
		// fault
		st2.stubFor(get(urlPathEqualTo("/api/v1/actionalias")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withHeader("X-Total-Count", "0")
			.withBody("[]")));
		st2.stubFor(get(urlPathEqualTo("/api/v1/executions/5f1d2e3c4b5a697887766554"))
			.willReturn(aResponse().withStatus(404)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"faultstring\": \"Resource with a id \\\"5f1d2e3c4b5a697887766554\\\" not found\"}")));
	}

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private St2Client st2Client;

	@Test
	void actuatorShouldExposeOnlyHealthInfoAndPrometheusOnTheManagementPort() throws Exception {
		HttpResponse<String> links = fetch(this.managementPort, "/actuator");

		assertThat(links.statusCode()).isEqualTo(200);
		Map<String, Object> body = json.readValue(links.body(), Map.class);
		assertThat(((Map<String, Object>) body.get("_links")).keySet()).containsExactlyInAnyOrder("self", "health",
				"health-path", "info", "prometheus");
		for (String hidden : List.of("/actuator/env", "/actuator/configprops", "/actuator/metrics", "/actuator/beans",
				"/actuator/loggers", "/actuator/heapdump")) {
			assertThat(fetch(this.managementPort, hidden).statusCode()).as(hidden).isEqualTo(404);
		}
	}

	@Test
	void applicationPortShouldNotServeActuator() throws Exception {
		assertThat(this.port).isNotEqualTo(this.managementPort);
		assertThat(fetch(this.port, "/actuator/health").statusCode()).isEqualTo(404);
		assertThat(fetch(this.port, "/actuator/prometheus").statusCode()).isEqualTo(404);
	}

	@Test
	void probesShouldAnswerOnTheManagementPort() throws Exception {
		HttpResponse<String> liveness = fetch(this.managementPort, "/actuator/health/liveness");

		assertThat(liveness.statusCode()).isEqualTo(200);
		assertThat(liveness.body()).isEqualTo("{\"status\":\"UP\"}");
		// st2 answers, so the gateway becomes ready (once what readiness includes, such
		// as
		// the first catalog sync, is done); no details (show-details: never)
		Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			HttpResponse<String> readiness = fetch(this.managementPort, "/actuator/health/readiness");
			assertThat(readiness.statusCode()).isEqualTo(200);
			assertThat(readiness.body()).isEqualTo("{\"status\":\"UP\"}");
		});
	}

	@Test
	void prometheusShouldShowSt2CallsByOperationAndOutcome() throws Exception {
		this.st2Client.listActionAliases();
		assertThatExceptionOfType(St2NotFoundException.class)
			.isThrownBy(() -> this.st2Client.getExecution("5f1d2e3c4b5a697887766554"));

		HttpResponse<String> scrape = fetch(this.managementPort, "/actuator/prometheus");

		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/plain"));
		List<String> lines = scrape.body().lines().toList();
		// latency by st2 operation (the request's URI template, base path included) and
		// outcome, from Spring's HTTP client observations
		assertThat(samples(lines, "http_client_requests_seconds_count"))
			.anySatisfy((line) -> assertThat(line)
				.contains("application=\"st2-chatops-gateway\"", "client_name=\"localhost\"", "method=\"GET\"",
						"outcome=\"SUCCESS\"", "status=\"200\"", "uri=\"/api/v1/actionalias?")
				.doesNotContain("limit=100"))
			.anySatisfy((line) -> assertThat(line).contains("uri=\"/api/v1/executions/{id}\"",
					"outcome=\"CLIENT_ERROR\"", "status=\"404\""));
		// histogram buckets (management.metrics.distribution.slo) for quantiles in
		// Prometheus
		assertThat(samples(lines, "http_client_requests_seconds_bucket"))
			.anySatisfy((line) -> assertThat(line).contains("uri=\"/api/v1/executions/{id}\"", "le=\"0.1\""));
		assertThat(samples(lines, "jvm_threads_live_threads")).isNotEmpty();
		// the gateway's own gauges, under the names docs/operations.md gives
		assertThat(samples(lines, "gateway_catalog_aliases")).isNotEmpty();
		assertThat(samples(lines, "gateway_catalog_sync_age_seconds")).isNotEmpty();
		assertThat(samples(lines, "resilience4j_circuitbreaker_state"))
			.anySatisfy((line) -> assertThat(line).contains("name=\"st2\"", "state=\"closed\"").endsWith(" 1.0"));
	}

	private static List<String> samples(List<String> lines, String metric) {
		return lines.stream().filter((line) -> line.startsWith(metric + "{") || line.startsWith(metric + " ")).toList();
	}

	@Test
	void infoShouldShowBuildAndGitInformation() throws Exception {
		HttpResponse<String> info = fetch(this.managementPort, "/actuator/info");

		assertThat(info.statusCode()).isEqualTo(200);
		Map<String, Object> body = json.readValue(info.body(), Map.class);
		assertThat((Map<String, Object>) body.get("build")).containsEntry("artifact", "st2-chatops-gateway")
			.containsEntry("group", "io.github.st2chatops")
			.containsKeys("version", "time");
		assertThat((Map<String, Object>) body.get("java")).containsKeys("version", "runtime");
		Properties gitProperties = new Properties();
		ClassPathResource gitResource = new ClassPathResource("git.properties");
		if (gitResource.exists()) {
			try (InputStream in = gitResource.getInputStream()) {
				gitProperties.load(in);
			}
		}
		if (gitProperties.containsKey("git.commit.id")) {
			// a build from a clone; one from a source archive has no commit
			Map<String, Object> git = (Map<String, Object>) body.get("git");
			assertThat(git).containsKeys("branch", "commit");
			assertThat((Map<String, Object>) git.get("commit"))
				.containsEntry("id", gitProperties.getProperty("git.commit.id.abbrev"))
				.containsKey("time");
		}
	}

	private HttpResponse<String> fetch(int port, String path) throws IOException, InterruptedException {
		// generous: the first call of an endpoint loads its classes, and the build
		// machine
		// has 2 cores shared with other builds (a 10 s bound timed out under a load of
		// 27)
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.GET()
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
