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
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
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
 * across replicas. Start it in {@code @BeforeAll} once st2's stubs are in place. As an
 * extension it resets before each test ({@link #reset()}) and stops after the class
 * ({@link #stop()}); without one, call those yourself:
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static final StubServer st2 = StubServer.st2();
 *
 * &#64;RegisterExtension
 * static final RedisReplicas replicas = new RedisReplicas();
 *
 * &#64;BeforeAll
 * static void start() {
 *     St2WireMock.stubSampleCatalog(st2);
 *     replicas.start(List.of(st2), "--gateway.chat.generic.secret=...");
 * }
 * </pre>
 */
public final class RedisReplicas implements BeforeEachCallback, AfterAllCallback {

	private final String keyPrefix = "test-" + UUID.randomUUID() + ":";

	private RedisServer redis;

	private ConfigurableApplicationContext a;

	private ConfigurableApplicationContext b;

	private GatewayHttp httpA;

	private GatewayHttp httpB;

	private List<StubServer> stubs = List.of();

	/**
	 * Starts Redis, then two replicas that use it, each with the same settings, and waits
	 * until both have synced st2's catalog.
	 * @param st2Url the base URL of st2 (WireMock), which must list aliases
	 * @param settings more settings as command-line arguments ({@code --name=value}),
	 * which win over application.yaml as on a real replica
	 */
	public void start(String st2Url, String... settings) {
		List<String> arguments = new ArrayList<>(List.of("--gateway.st2.url=" + st2Url));
		arguments.addAll(List.of(settings));
		startWith(arguments);
	}

	/**
	 * Starts Redis and two replicas as {@link #start(String, String...)} does, with the
	 * settings the stub servers name pointing at them. {@link #reset()} forgets the
	 * requests they received.
	 * @param stubs the stub servers, st2's among them
	 * @param settings more settings as command-line arguments ({@code --name=value})
	 */
	public void start(List<StubServer> stubs, String... settings) {
		this.stubs = stubs;
		List<String> arguments = new ArrayList<>();
		stubs.forEach((stub) -> stub.properties().forEach((name, value) -> arguments.add("--" + name + "=" + value)));
		assertThat(arguments).as("the settings of the stub servers")
			.anyMatch((argument) -> argument.startsWith("--" + StubServer.ST2_URL + "="));
		arguments.addAll(List.of(settings));
		startWith(arguments);
	}

	private void startWith(List<String> settings) {
		try {
			this.redis = new RedisServer(freePort());
			this.redis.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
				"--gateway.state.store=redis", "--gateway.state.key-prefix=" + this.keyPrefix,
				"--spring.data.redis.url=redis://localhost:" + this.redis.ports().get(0),
				"--gateway.st2.api-key=st2-test-api-key", "--gateway.catalog.refresh-interval=1h"));
		arguments.addAll(settings);
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
	 * circuit breaker closed, so no test starts in another's outage; the stub servers it
	 * was started with have forgotten their requests.
	 */
	public void reset() {
		this.stubs.forEach(StubServer::resetRequests);
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
	 * The port Redis listens on, for a test that talks to Redis itself.
	 * @return the port
	 */
	public int redisPort() {
		return this.redis.ports().get(0);
	}

	/**
	 * The key prefix both replicas share ({@code gateway.state.key-prefix}), unique to
	 * this fixture.
	 * @return the prefix
	 */
	public String keyPrefix() {
		return this.keyPrefix;
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		reset();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		stop();
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
