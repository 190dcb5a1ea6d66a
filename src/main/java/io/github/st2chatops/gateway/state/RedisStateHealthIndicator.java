package io.github.st2chatops.gateway.state;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisConnectionUtils;

/**
 * {@code state} health with the Redis store: DOWN, with the reason, while Redis does not
 * answer a {@code PING}. It is not part of the readiness group: a Redis outage must not
 * take every replica out of the Service, since the REST API and chat replies that need no
 * claim go on.
 */
class RedisStateHealthIndicator implements HealthIndicator {

	private final RedisConnectionFactory connectionFactory;

	private final RedisGuard guard;

	RedisStateHealthIndicator(RedisConnectionFactory connectionFactory, RedisGuard guard) {
		this.connectionFactory = connectionFactory;
		this.guard = guard;
	}

	@Override
	public Health health() {
		String circuitBreaker = this.guard.circuitBreaker().getState().name();
		// asked directly, not through the circuit breaker: health tells how Redis is now
		RedisConnection connection = null;
		try {
			connection = RedisConnectionUtils.getConnection(this.connectionFactory);
			connection.ping();
			return Health.up().withDetail("store", "redis").withDetail("circuitBreaker", circuitBreaker).build();
		}
		catch (RuntimeException ex) {
			return Health.down()
				.withDetail("store", "redis")
				.withDetail("circuitBreaker", circuitBreaker)
				.withDetail("error", "Redis is unreachable: " + RedisGuard.reason(ex))
				.build();
		}
		finally {
			if (connection != null) {
				RedisConnectionUtils.releaseConnection(connection, this.connectionFactory);
			}
		}
	}

}
