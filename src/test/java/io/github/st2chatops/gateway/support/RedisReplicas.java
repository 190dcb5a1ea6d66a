package io.github.st2chatops.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import redis.embedded.RedisServer;

import io.github.st2chatops.gateway.GatewayApplication;
import io.github.st2chatops.gateway.alias.AliasCatalogSynchronizer;
import io.github.st2chatops.gateway.state.ClaimStore;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas of the gateway sharing one real Redis (a redis-server on a random port
 * from embedded-redis, no Docker), each on its own random port, for what must happen once
 * across replicas. Start it in {@code @BeforeAll} once st2's stubs are in place, call
 * {@link #reset()} before each test and {@link #stop()} in {@code @AfterAll}:
 *
 * <pre class="code">
 * static final RedisReplicas replicas = new RedisReplicas();
 *
 * &#64;BeforeAll
 * static void start() {
 *     st2.start();
 *     St2WireMock.stubSampleCatalog(st2);
 *     replicas.start(st2.baseUrl(), "--gateway.chat.generic.secret=...");
 * }
 * </pre>
 */
public final class RedisReplicas {

	private final String keyPrefix = "test-" + UUID.randomUUID() + ":";

	private RedisServer redis;

	private ConfigurableApplicationContext a;

	private ConfigurableApplicationContext b;

	private GatewayHttp httpA;

	private GatewayHttp httpB;

	/**
	 * Starts Redis, then two replicas that use it, each with the same settings, and waits
	 * until both have synced st2's catalog.
	 * @param st2Url the base URL of st2 (WireMock), which must list aliases
	 * @param settings more settings as command-line arguments ({@code --name=value}),
	 * which win over application.yaml as on a real replica
	 */
	public void start(String st2Url, String... settings) {
		try {
			this.redis = new RedisServer(freePort());
			this.redis.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
				"--gateway.state.store=redis", "--gateway.state.key-prefix=" + this.keyPrefix,
				"--spring.data.redis.url=redis://localhost:" + this.redis.ports().get(0), "--gateway.st2.url=" + st2Url,
				"--gateway.st2.api-key=st2-test-api-key", "--gateway.catalog.refresh-interval=1h"));
		arguments.addAll(List.of(settings));
		this.a = startReplica(arguments);
		this.b = startReplica(arguments);
		this.httpA = new GatewayHttp(port(this.a));
		this.httpB = new GatewayHttp(port(this.b));
	}

	private static ConfigurableApplicationContext startReplica(List<String> arguments) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(GatewayApplication.class)
			.run(arguments.toArray(String[]::new));
		assertThat(context.getBean(AliasCatalogSynchronizer.class).sync()).as("the replica synced st2's catalog")
			.isTrue();
		return context;
	}

	/**
	 * Before each test: Redis up again if a test stopped it, every replica connected to
	 * it again (each reconnects on its own, in the background) and its {@code state}
	 * circuit breaker closed, so no test starts in another's outage.
	 */
	public void reset() {
		startRedis();
		for (ConfigurableApplicationContext replica : both()) {
			if (replica.isActive()) {
				CircuitBreaker breaker = replica.getBean(CircuitBreakerRegistry.class).circuitBreaker("state");
				ClaimStore claims = replica.getBean(ClaimStore.class);
				await().atMost(Duration.ofSeconds(20))
					.pollInterval(Duration.ofMillis(100))
					.ignoreExceptions()
					.until(() -> {
						breaker.reset();
						return claims.claim("probe:" + UUID.randomUUID(), Duration.ofSeconds(1));
					});
				breaker.reset();
			}
		}
	}

	/**
	 * Stops both replicas (those still running) and Redis.
	 */
	public void stop() {
		for (ConfigurableApplicationContext replica : new ConfigurableApplicationContext[] { this.a, this.b }) {
			if (replica != null && replica.isActive()) {
				replica.close();
			}
		}
		if (this.redis != null && this.redis.isActive()) {
			stopRedis();
		}
	}

	/**
	 * Stops Redis, as when it becomes unreachable; the replicas keep running.
	 */
	public void stopRedis() {
		try {
			this.redis.stop();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Starts Redis again on the same port, if it is stopped.
	 */
	public void startRedis() {
		if (this.redis.isActive()) {
			return;
		}
		try {
			this.redis.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Replica A.
	 * @return its context
	 */
	public ConfigurableApplicationContext a() {
		return this.a;
	}

	/**
	 * Replica B.
	 * @return its context
	 */
	public ConfigurableApplicationContext b() {
		return this.b;
	}

	/**
	 * Both replicas, A first.
	 * @return their contexts
	 */
	public List<ConfigurableApplicationContext> both() {
		return List.of(this.a, this.b);
	}

	/**
	 * A client of replica A.
	 * @return the client
	 */
	public GatewayHttp httpA() {
		return this.httpA;
	}

	/**
	 * A client of replica B.
	 * @return the client
	 */
	public GatewayHttp httpB() {
		return this.httpB;
	}

	/**
	 * The key prefix both replicas share ({@code gateway.state.key-prefix}), unique to
	 * this fixture.
	 * @return the prefix
	 */
	public String keyPrefix() {
		return this.keyPrefix;
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
