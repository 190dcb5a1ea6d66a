package io.github.st2chatops.gateway.st2;

import java.time.Duration;
import java.time.Instant;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.st2chatops.gateway.support.St2WireMock;
import io.github.st2chatops.gateway.support.StubServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.st2chatops.gateway.support.St2WireMock.TOKEN_1;
import static io.github.st2chatops.gateway.support.St2WireMock.TOKEN_2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The st2 client in a running application with application.yaml: actuator health groups,
 * the {@code st2} circuit breaker's settings, and no secret in logs or actuator output.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = St2ApplicationIntegrationTests.St2Application.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		// WireMock's first templated answer can take seconds on a busy machine: a read
		// timeout of 5s, so that no test depends on another having warmed it up
		properties = { "gateway.st2.username=chatops_bot",
				"gateway.st2.password=" + St2ApplicationIntegrationTests.PASSWORD, "gateway.st2.read-timeout=5s",
				"gateway.st2.retry.delay=1ms", "management.endpoints.web.exposure.include=health,env,configprops",
				"management.endpoint.health.show-details=always",
				// application.yaml's groups as they are; this slice has no alias catalog,
				// so readiness's catalogSyncAttempt is missing here
				"management.endpoint.health.validate-group-membership=false",
				"logging.level.io.github.st2chatops=DEBUG" })
class St2ApplicationIntegrationTests {

	static final String PASSWORD = "p4ssw0rd-Only-Here";

	@RegisterExtension
	static final StubServer st2 = StubServer.st2();

	@LocalServerPort
	private int port;

	@Autowired
	private St2Client client;

	@Autowired
	private CircuitBreakerRegistry circuitBreakers;

	@Autowired
	private HealthEndpointGroups healthGroups;

	@Autowired
	private HealthContributorRegistry healthContributors;

	@Autowired
	private St2TokenProvider tokens;

	@BeforeEach
	void resetSt2() {
		st2.resetAll();
		this.circuitBreakers.circuitBreaker("st2").reset();
	}

	@Test
	void st2ShouldReportInHealthButInNeitherProbeGroup() {
		// st2 reports in /actuator/health, saying how the gateway signs in
		assertThat(this.healthContributors.getContributor("st2")).isInstanceOf(St2HealthIndicator.class);
		assertThat(this.tokens.mode().label()).isEqualTo("username-password");
		// an st2 outage must neither take every replica out of the Service nor restart
		// them (docs/operations.md): application.yaml keeps st2 out of both probe groups
		HealthEndpointGroup readiness = this.healthGroups.get("readiness");
		assertThat(readiness.isMember("readinessState")).isTrue();
		assertThat(readiness.isMember("st2")).isFalse();
		HealthEndpointGroup liveness = this.healthGroups.get("liveness");
		assertThat(liveness.isMember("livenessState")).isTrue();
		assertThat(liveness.isMember("st2")).isFalse();
		ResponseEntity<String> response = actuator("/actuator/health/readiness");
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody()).contains("\"readinessState\"").doesNotContain("st2");
	}

	@Test
	void circuitBreakerSt2ShouldCountOnlyUnavailable() {
		CircuitBreakerConfig config = this.circuitBreakers.circuitBreaker("st2").getCircuitBreakerConfig();
		assertThat(config.getRecordExceptionPredicate().test(new St2UnavailableException("down", true, null, null)))
			.isTrue();
		assertThat(config.getRecordExceptionPredicate().test(new St2RejectedException(400, "no", null))).isFalse();
		assertThat(config.getRecordExceptionPredicate().test(new St2NotFoundException("no", null))).isFalse();
		assertThat(config.getRecordExceptionPredicate().test(new St2AuthenticationException("no", null, null)))
			.isFalse();
		assertThat(config.getSlidingWindowSize()).isEqualTo(10);
	}

	@Test
	void flowsShouldNeverLogOrExposeSecrets(CapturedOutput output) {
		// token, 401, renewal, replay, then failures whose faultstrings echo secrets
		st2.stubFor(post("/auth/v1/tokens").inScenario("tokens")
			.whenScenarioStateIs("Started")
			.willReturn(St2WireMock.token(TOKEN_1, Instant.now().plus(Duration.ofHours(24))))
			.willSetStateTo("second"));
		st2.stubFor(post("/auth/v1/tokens").inScenario("tokens")
			.whenScenarioStateIs("second")
			.willReturn(St2WireMock.token(TOKEN_2, Instant.now().plus(Duration.ofHours(24)))));
		st2.stubFor(get(urlPathEqualTo("/api/v1/actionalias")).withHeader("X-Auth-Token", equalTo(TOKEN_1))
			.willReturn(St2WireMock.fault(401, "Unauthorized - Token has expired.")));
		st2.stubFor(get(urlPathEqualTo("/api/v1/actionalias")).withHeader("X-Auth-Token", equalTo(TOKEN_2))
			.willReturn(St2WireMock.aliasPage(0, 3, 3, 100)));
		st2.stubFor(get(urlPathEqualTo("/api/v1/executions/x"))
			.willReturn(St2WireMock.fault(401, "Unauthorized - Token with value " + TOKEN_2 + " not found.")));
		st2.stubFor(post("/api/v1/aliasexecution")
			.willReturn(St2WireMock.fault(500, "Internal error: user chatops_bot password " + PASSWORD)));

		assertThat(this.client.listActionAliases()).hasSize(3);
		assertThatExceptionOfType(St2AuthenticationException.class).isThrownBy(() -> this.client.getExecution("x"))
			.withMessageNotContaining(TOKEN_2);
		assertThatExceptionOfType(St2UnavailableException.class)
			.isThrownBy(() -> this.client.executeAlias(St2ClientIntegrationTests.executionRequest()))
			.withMessageNotContaining(PASSWORD);
		String env = actuator("/actuator/env").getBody();
		String configprops = actuator("/actuator/configprops").getBody();
		String health = actuator("/actuator/health").getBody();

		assertThat(output).contains("Obtained an st2 token").contains("st2 refused the gateway's token");
		for (String secret : new String[] { PASSWORD, TOKEN_1, TOKEN_2 }) {
			assertThat(output.getAll()).doesNotContain(secret);
			assertThat(env).doesNotContain(secret);
			assertThat(configprops).doesNotContain(secret);
			assertThat(health).doesNotContain(secret);
		}
		assertThat(env).contains("gateway.st2.password");
		assertThat(configprops).contains("gateway.st2");
	}

	private ResponseEntity<String> actuator(String path) {
		return RestClient.create("http://localhost:" + this.port)
			.get()
			.uri(path)
			.retrieve()
			.onStatus((status) -> true, (request, response) -> {
			})
			.toEntity(String.class);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableConfigurationProperties(St2Properties.class)
	@Import(St2Configuration.class)
	static class St2Application {

	}

}
