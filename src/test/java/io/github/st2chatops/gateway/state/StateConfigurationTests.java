package io.github.st2chatops.gateway.state;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.st2chatops.gateway.GatewayApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How {@code gateway.state.store} chooses the store, started the way a replica starts
 * (without a web server, which plays no part here).
 */
@ExtendWith(OutputCaptureExtension.class)
class StateConfigurationTests {

	@Test
	void memoryStoreWhenDefaultShouldCreateNoRedisClientAndNoRedisHealth(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start()) {
			assertThat(context.getBean(ClaimStore.class)).isInstanceOf(InMemoryClaimStore.class);
			assertThat(context.getBean(LeaderLock.class)).isInstanceOf(InMemoryLeaderLock.class);
			assertThat(context.getBeanNamesForType(RedisConnectionFactory.class)).isEmpty();
			assertThat(context.containsBean("redisHealthContributor")).isFalse();
			assertThat(context.containsBean("stateHealthIndicator")).isFalse();
			// rate limits count per replica: no shared counter, one limiter
			assertThat(context.getBeanNamesForType(RateCounter.class)).isEmpty();
			assertThat(rateLimiterClasses(context)).containsExactly("InMemoryCommandRateLimiter");
		}
		// no Redis client: nothing logged by Lettuce, no attempt at localhost:6379
		assertThat(output).doesNotContainIgnoringCase("lettuce").doesNotContain("6379");
	}

	@Test
	void redisStoreWithoutConnectionShouldStopStartUpNamingTheProperties() {
		assertThatThrownBy(() -> start("--gateway.state.store=redis").close()).rootCause()
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("gateway.state.store=redis")
			.hasMessageContaining("spring.data.redis.url")
			.hasMessageContaining("spring.data.redis.sentinel.master");
	}

	@Test
	void redisStoreWhenRedisIsUnreachableShouldStartRefuseClaimsQuicklyAndReportDown() throws IOException {
		try (ConfigurableApplicationContext context = start("--gateway.state.store=redis",
				"--spring.data.redis.url=redis://localhost:" + unusedPort())) {
			ClaimStore claims = context.getBean(ClaimStore.class);
			LeaderLock lock = context.getBean(LeaderLock.class);
			assertThat(claims).isInstanceOf(RedisClaimStore.class);

			// the first call also starts the Redis client, which takes its time on a busy
			// machine; what follows must be quick
			assertThatExceptionOfType(StateUnavailableException.class)
				.isThrownBy(() -> claims.claim("slack:event:Ev0", Duration.ofMinutes(10)));
			long started = System.nanoTime();
			for (int i = 1; i <= 5; i++) {
				String key = "slack:event:Ev" + i;
				assertThatExceptionOfType(StateUnavailableException.class)
					.isThrownBy(() -> claims.claim(key, Duration.ofMinutes(10)));
			}
			assertThat(lock.acquireOrRenew("stream-follower", Duration.ofSeconds(15))).isFalse();
			assertThat(lock.isHeld("stream-follower")).isFalse();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));

			Health health = context.getBean("stateHealthIndicator", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("store", "redis");
			assertThat((String) health.getDetails().get("error")).startsWith("Redis is unreachable");
			assertThat(context.containsBean("redisHealthContributor")).isFalse();
			// one limiter, counting in Redis: it falls back to this replica's counts
			assertThat(context.getBean(RateCounter.class)).isInstanceOf(RedisRateCounter.class);
			assertThat(rateLimiterClasses(context)).containsExactly("SharedCommandRateLimiter");
		}
	}

	// the limiter interface is the command package's own: find it by its bean name and
	// check no other bean of a limiter class exists
	private static java.util.List<String> rateLimiterClasses(ConfigurableApplicationContext context) {
		return java.util.Arrays.stream(context.getBeanDefinitionNames())
			.map((name) -> context.getBean(name).getClass().getSimpleName())
			.filter((type) -> type.endsWith("CommandRateLimiter"))
			.toList();
	}

	private static ConfigurableApplicationContext start(String... args) {
		String[] all = new String[args.length + 4];
		all[0] = "--spring.main.web-application-type=none";
		all[1] = "--spring.main.banner-mode=off";
		all[2] = "--gateway.st2.url=http://127.0.0.1:9";
		all[3] = "--gateway.st2.api-key=test-api-key";
		System.arraycopy(args, 0, all, 4, args.length);
		return new SpringApplicationBuilder(GatewayApplication.class).run(all);
	}

	private static int unusedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
