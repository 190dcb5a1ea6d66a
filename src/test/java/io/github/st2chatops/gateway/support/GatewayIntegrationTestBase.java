package io.github.st2chatops.gateway.support;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.BeforeEach;

import io.github.st2chatops.gateway.alias.AliasCatalogSynchronizer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the end-to-end tests of the whole gateway share: a client of the gateway on its
 * random port and, for tests against st2, the catalog synced once a test has stubbed it.
 * The test class declares {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} with its
 * settings, and st2 and chat platforms as {@link StubServer}s.
 */
public abstract class GatewayIntegrationTestBase {

	@LocalServerPort
	protected int port;

	@Autowired
	protected AliasCatalogSynchronizer synchronizer;

	@Autowired
	protected CircuitBreakerRegistry circuitBreakers;

	protected GatewayHttp http;

	@BeforeEach
	void connectToTheGateway() {
		this.http = new GatewayHttp(this.port);
	}

	/**
	 * Closes every circuit breaker, so that a test starts with st2 trusted again (the
	 * sync at start-up may have met an empty WireMock and opened st2's).
	 */
	protected void closeCircuitBreakers() {
		this.circuitBreakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
	}

	/**
	 * Syncs the catalog st2 lists now and checks that it loaded.
	 */
	protected void syncCatalog() {
		assertThat(this.synchronizer.sync()).as("the gateway synced st2's catalog").isTrue();
	}

}
