package io.github.st2chatops.gateway.state;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Chooses the state store from {@code gateway.state.store}.
 */
@Configuration(proxyBeanMethods = false)
class StateConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "gateway.state.store", havingValue = "memory", matchIfMissing = true)
	static class InMemoryState {

		@Bean
		InMemoryClaimStore claimStore(Clock clock) {
			return new InMemoryClaimStore(clock);
		}

		@Bean
		InMemoryLeaderLock leaderLock() {
			return new InMemoryLeaderLock();
		}

	}

	/**
	 * The Redis store, on the connection Spring Boot configures from
	 * {@code spring.data.redis.*}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "gateway.state.store", havingValue = "redis")
	static class RedisState {

		/**
		 * The settings of which at least one must be set: Spring Boot would otherwise
		 * quietly connect to localhost:6379.
		 */
		static final List<String> CONNECTION_PROPERTIES = List.of("spring.data.redis.url", "spring.data.redis.host",
				"spring.data.redis.sentinel.master", "spring.data.redis.cluster.nodes");

		/** Who this replica is in the values of claims and locks. */
		private final String owner = UUID.randomUUID().toString();

		RedisState(Environment environment) {
			requireConnection(environment);
		}

		static void requireConnection(Environment environment) {
			for (String property : CONNECTION_PROPERTIES) {
				String value = environment.getProperty(property);
				if (value != null && !value.isBlank()) {
					return;
				}
			}
			throw new IllegalStateException("gateway.state.store=redis needs a Redis connection: set "
					+ "spring.data.redis.url (redis://host:6379 or rediss:// for TLS), spring.data.redis.host, "
					+ "spring.data.redis.sentinel.master with spring.data.redis.sentinel.nodes, or "
					+ "spring.data.redis.cluster.nodes");
		}

		@Bean
		RedisKeyspace stateRedisKeyspace(StringRedisTemplate redis, StateProperties properties,
				ObjectProvider<CircuitBreakerRegistry> circuitBreakers) {
			CircuitBreakerRegistry registry = circuitBreakers.getIfAvailable(CircuitBreakerRegistry::ofDefaults);
			return new RedisKeyspace(redis, registry.circuitBreaker("state"), properties.keyPrefix());
		}

		// fail a command at once while the connection is down rather than queue it until
		// the command timeout: the caller refuses and the platform or st2 retries
		@Bean
		LettuceClientOptionsBuilderCustomizer stateRejectWhileDisconnected() {
			return (options) -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
		}

		// Lettuce reconnects in the background; its default backoff grows to 30s, so a
		// Redis that is back would stay unused for up to that long
		@Bean
		ClientResourcesBuilderCustomizer stateReconnectDelay() {
			return (resources) -> resources.reconnectDelay(
					Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS));
		}

		@Bean
		RedisClaimStore claimStore(RedisKeyspace keyspace) {
			return new RedisClaimStore(keyspace, this.owner);
		}

		@Bean
		RedisLeaderLock leaderLock(RedisKeyspace keyspace) {
			return new RedisLeaderLock(keyspace, this.owner);
		}

		@Bean
		RedisRateCounter rateCounter(RedisKeyspace keyspace) {
			return new RedisRateCounter(keyspace);
		}

		@Bean
		RedisDurability stateRedisDurability(StringRedisTemplate redis) {
			return new RedisDurability(redis);
		}

		@Bean
		RedisStateHealthIndicator stateHealthIndicator(RedisKeyspace keyspace, RedisDurability durability,
				RedisClaimStore claims) {
			return new RedisStateHealthIndicator(keyspace, durability, claims, keyspace.key("health:" + this.owner));
		}

	}

}
