package io.github.st2chatops.gateway.alias;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code catalogSyncAttempt} health, the readiness group's view of the catalog: DOWN
 * until the first sync has been attempted, UP from then on whether it succeeded or not. A
 * replica that starts while st2 is down becomes ready and answers {@code unavailable}
 * with the reason, instead of leaving chat to the ingress's error page.
 */
class CatalogSyncAttemptHealthIndicator implements HealthIndicator {

	private final AliasCatalogHolder holder;

	CatalogSyncAttemptHealthIndicator(AliasCatalogHolder holder) {
		this.holder = holder;
	}

	@Override
	public Health health() {
		CatalogStatus status = this.holder.status();
		if (status.lastAttempt() == null) {
			return Health.down().withDetail("reason", "waiting for the first catalog sync attempt").build();
		}
		return Health.up().withDetail("loaded", status.loaded()).build();
	}

}
