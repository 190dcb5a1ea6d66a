package io.github.st2chatops.gateway.state;

import java.time.Duration;
import java.util.Locale;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code state} health with the Redis store: DOWN, with the reason, while Redis does not
 * take a write (a {@code SET} of a short-lived probe key: a Redis out of memory or a
 * read-only replica still answers {@code PING} but refuses every claim). UP otherwise,
 * with warnings in the details when Redis may evict claims or forgets them on a restart
 * ({@link RedisDurability}). It is not part of the readiness group: a Redis outage must
 * not take every replica out of the Service, since the REST API and chat replies that
 * need no claim go on.
 */
class RedisStateHealthIndicator implements HealthIndicator {

	static final Duration PROBE_TTL = Duration.ofSeconds(30);

	private final RedisKeyspace keyspace;

	private final RedisDurability durability;

	private final RedisClaimStore claims;

	private final String probeKey;

	RedisStateHealthIndicator(RedisKeyspace keyspace, RedisDurability durability, RedisClaimStore claims,
			String probeKey) {
		this.keyspace = keyspace;
		this.durability = durability;
		this.claims = claims;
		this.probeKey = probeKey;
	}

	@Override
	public Health health() {
		String circuitBreaker = this.keyspace.circuitBreaker().getState().name();
		// asked directly, not through the circuit breaker: health tells how Redis is now
		try {
			this.keyspace.unguarded()
				.opsForValue()
				.set(this.probeKey, Long.toString(System.currentTimeMillis()), PROBE_TTL);
		}
		catch (RuntimeException ex) {
			return Health.down()
				.withDetail("store", "redis")
				.withDetail("circuitBreaker", circuitBreaker)
				.withDetail("pendingClaimRepairs", this.claims.pendingRepairs())
				.withDetail("error", error(ex))
				.build();
		}
		RedisDurability.Reading reading = this.durability.reading();
		Health.Builder health = Health.up()
			.withDetail("store", "redis")
			.withDetail("circuitBreaker", circuitBreaker)
			.withDetail("pendingClaimRepairs", this.claims.pendingRepairs())
			.withDetail("evictionPolicy", reading.evictionPolicy())
			.withDetail("persistence", reading.persistence());
		if (!reading.warnings().isEmpty()) {
			health.withDetail("warnings", reading.warnings());
		}
		return health.build();
	}

	private static String error(RuntimeException ex) {
		String reason = RedisKeyspace.reason(ex);
		String upper = reason.toUpperCase(Locale.ROOT);
		if (upper.contains("OOM")) {
			return "Redis refuses writes, it is out of memory (maxmemory): " + reason;
		}
		if (upper.contains("READONLY")) {
			return "Redis refuses writes, it is a read-only replica: " + reason;
		}
		if (upper.contains("MISCONF")) {
			return "Redis refuses writes, it cannot persist: " + reason;
		}
		return "Redis is unreachable: " + reason;
	}

}
