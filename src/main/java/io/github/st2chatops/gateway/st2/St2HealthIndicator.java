package io.github.st2chatops.gateway.st2;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health contributor {@code st2} (in {@code /actuator/health}, deliberately not in the
 * readiness group: an st2 outage must not take every replica out of the Service, the
 * pipeline answers {@code unavailable} instead): whether st2 is reachable and accepts the
 * gateway's credentials, and which way it authenticates (never the secret). One cheap
 * call ({@code GET /api/v1/actionalias?limit=1}) at most every {@link #CACHE_FOR}, so
 * that probes of many replicas do not hammer st2.
 */
class St2HealthIndicator implements HealthIndicator {

	static final Duration CACHE_FOR = Duration.ofSeconds(10);

	private final St2Client client;

	private final St2TokenProvider tokens;

	private final Clock clock;

	private volatile Probe last;

	St2HealthIndicator(St2Client client, St2TokenProvider tokens, Clock clock) {
		this.client = client;
		this.tokens = tokens;
		this.clock = clock;
	}

	@Override
	public Health health() {
		Instant now = this.clock.instant();
		Probe cached = this.last;
		if (cached != null && now.isBefore(cached.at().plus(CACHE_FOR))) {
			return cached.health();
		}
		Health health = probe();
		this.last = new Probe(now, health);
		return health;
	}

	private Health probe() {
		Health.Builder builder;
		try {
			this.client.probe();
			builder = Health.up().withDetail("reachable", true).withDetail("authenticated", true);
		}
		catch (St2UnavailableException ex) {
			builder = Health.down().withDetail("reachable", false).withDetail("reason", ex.getMessage());
			withRequestId(builder, ex);
		}
		catch (St2AuthenticationException ex) {
			builder = Health.down()
				.withDetail("reachable", true)
				.withDetail("authenticated", false)
				.withDetail("reason", authenticationReason(ex));
			withRequestId(builder, ex);
		}
		catch (St2Exception ex) {
			// 403 (RBAC) or 404 (wrong api-url): st2 answers, but the gateway cannot work
			builder = Health.down()
				.withDetail("reachable", true)
				.withDetail("authenticated", true)
				.withDetail("reason", ex.getMessage());
			withRequestId(builder, ex);
		}
		builder.withDetail("authMode", this.tokens.mode().label());
		Instant expiry = this.tokens.tokenExpiry().orElse(null);
		if (expiry != null) {
			builder.withDetail("tokenExpiry", expiry.toString());
		}
		builder.withDetail("circuitBreaker", this.client.circuitBreaker().getState().name());
		return builder.build();
	}

	private String authenticationReason(St2AuthenticationException ex) {
		return switch (this.tokens.mode()) {
			case AUTH_TOKEN -> "st2 refused gateway.st2.auth-token (expired or revoked?). A user token cannot be "
					+ "renewed: set a new one, or use gateway.st2.api-key or gateway.st2.username/password. st2 said: "
					+ ex.getMessage();
			case API_KEY -> "st2 refused gateway.st2.api-key (deleted or disabled?). st2 said: " + ex.getMessage();
			case PASSWORD -> ex.getMessage();
		};
	}

	private static void withRequestId(Health.Builder builder, St2Exception ex) {
		if (ex.requestId() != null) {
			builder.withDetail("requestId", ex.requestId());
		}
	}

	private record Probe(Instant at, Health health) {
	}

}
