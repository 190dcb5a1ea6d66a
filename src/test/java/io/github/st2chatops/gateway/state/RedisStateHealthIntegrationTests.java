package io.github.st2chatops.gateway.state;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.embedded.RedisServer;

import io.github.st2chatops.gateway.GatewayApplication;
import io.github.st2chatops.gateway.support.GatewayHttp;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * {@code state} health and the start-up warnings on a real redis-server (issue 23, item
 * 5): an eviction policy that may evict claims and persistence that is off are warned
 * about (UP, with warnings), a Redis that refuses writes (out of memory) is DOWN though
 * it still answers PING, and claims are refused meanwhile.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisStateHealthIntegrationTests {

	static final String RELAY_TOKEN = "relay-token-for-health-tests-012345";

	static int redisPort;

	static RedisServer redis;

	ConfigurableApplicationContext gateway;

	@BeforeAll
	static void startRedis() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			redisPort = socket.getLocalPort();
		}
		redis = new RedisServer(redisPort);
		redis.start();
	}

	@AfterAll
	static void stopRedis() throws IOException {
		if (redis != null && redis.isActive()) {
			redis.stop();
		}
	}

	@AfterEach
	void stopGateway() {
		if (this.gateway != null) {
			config(this.gateway, "maxmemory", "0");
			config(this.gateway, "maxmemory-policy", "noeviction");
			config(this.gateway, "save", "3600 1");
			this.gateway.close();
		}
	}

	@Test
	void evictingPolicyAndNoPersistenceShouldBeWarnedAtStartUpAndInHealth(CapturedOutput output) {
		this.gateway = start();
		config(this.gateway, "maxmemory", "100mb");
		config(this.gateway, "maxmemory-policy", "volatile-lru");
		config(this.gateway, "save", "");
		config(this.gateway, "appendonly", "no");
		this.gateway.close();

		this.gateway = start();
		Map<String, Object> health = http().get("/actuator/health/state").json();

		assertThat(output).contains("Redis state store: maxmemory-policy is volatile-lru with maxmemory 104857600")
			.contains("Redis state store: persistence is off");
		assertThat(health).containsEntry("status", "UP");
		@SuppressWarnings("unchecked")
		Map<String, Object> details = (Map<String, Object>) health.get("details");
		assertThat(details).containsEntry("evictionPolicy", "volatile-lru").containsEntry("persistence", "off");
		assertThat(details.get("warnings").toString()).contains("may evict claims").contains("forgets every claim");
	}

	@Test
	void safeConfigurationShouldShowNoWarnings() {
		this.gateway = start();
		config(this.gateway, "maxmemory", "0");
		config(this.gateway, "maxmemory-policy", "allkeys-lru");
		config(this.gateway, "save", "3600 1");

		RedisDurability.Reading reading = this.gateway.getBean(RedisDurability.class).read();

		// without maxmemory nothing is evicted, whatever the policy
		assertThat(reading.warnings()).isEmpty();
		assertThat(reading.persistence()).isIn("rdb", "rdb+aof");
	}

	@Test
	void redisThatRefusesWritesShouldBeDownAndRefuseClaims() {
		this.gateway = start();
		GatewayHttp http = http();
		assertThat(http.get("/actuator/health/state").json()).containsEntry("status", "UP");

		config(this.gateway, "maxmemory-policy", "noeviction");
		config(this.gateway, "maxmemory", "1");

		Map<String, Object> health = http.get("/actuator/health/state").json();
		assertThat(health).containsEntry("status", "DOWN");
		assertThat(health.get("details").toString()).contains("Redis refuses writes, it is out of memory");
		GatewayHttp.Response push = http.post("/api/v1/st2/notifications",
				"{\"message\": \"done\", \"channel\": \"generic:builds\"}", "Content-Type", "application/json",
				"Authorization", "Bearer " + RELAY_TOKEN, "Idempotency-Key", UUID.randomUUID().toString());
		assertThat(push.status()).isEqualTo(503);

		config(this.gateway, "maxmemory", "0");
		await().atMost(Duration.ofSeconds(5))
			.until(() -> "UP".equals(http.get("/actuator/health/state").json().get("status")));
	}

	@Test
	void configRefusedShouldBeReportedAsUnknown() {
		StringRedisTemplate refusing = mock(StringRedisTemplate.class);
		given(refusing.execute(any(RedisCallback.class)))
			.willThrow(new org.springframework.dao.InvalidDataAccessApiUsageException("ERR unknown command 'CONFIG'"));

		RedisDurability.Reading reading = new RedisDurability(refusing).read();

		assertThat(reading.evictionPolicy()).isEqualTo("unknown");
		assertThat(reading.persistence()).isEqualTo("unknown");
		assertThat(reading.warnings()).singleElement()
			.asString()
			.contains("unknown command 'CONFIG'")
			.contains("maxmemory-policy noeviction");
	}

	private GatewayHttp http() {
		return new GatewayHttp(((WebServerApplicationContext) this.gateway).getWebServer().getPort());
	}

	private static void config(ConfigurableApplicationContext context, String name, String value) {
		context.getBean(StringRedisTemplate.class).execute((RedisCallback<Void>) (connection) -> {
			connection.serverCommands().setConfig(name, value);
			return null;
		});
	}

	private static ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(GatewayApplication.class).run("--server.port=0",
				"--spring.main.banner-mode=off", "--gateway.state.store=redis",
				"--gateway.state.key-prefix=health-" + UUID.randomUUID() + ":",
				"--spring.data.redis.url=redis://localhost:" + redisPort, "--gateway.st2.url=http://127.0.0.1:9",
				"--gateway.st2.api-key=st2-test-api-key", "--gateway.catalog.refresh-interval=1h",
				"--gateway.relay.token=" + RELAY_TOKEN, "--gateway.chat.generic.secret=generic-secret-health-0123",
				"--gateway.chat.generic.callback-url=http://127.0.0.1:9/callback",
				"--management.endpoint.health.show-details=always");
	}

}
