package io.github.st2chatops.gateway.alias;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code aliasCatalog} health: DOWN only while no catalog was ever loaded; a failed
 * refresh of a loaded catalog is reported in the details but keeps it UP, since matching
 * goes on with the last good catalog.
 */
class AliasCatalogHealthIndicator implements HealthIndicator {

	private final AliasCatalogHolder holder;

	AliasCatalogHealthIndicator(AliasCatalogHolder holder) {
		this.holder = holder;
	}

	@Override
	public Health health() {
		CatalogStatus status = this.holder.status();
		Health.Builder builder = status.loaded() ? Health.up() : Health.down();
		builder.withDetail("aliases", status.aliasCount()).withDetail("invalidFormats", status.invalidFormats().size());
		if (status.lastSuccess() != null) {
			builder.withDetail("lastSuccess", status.lastSuccess().toString());
		}
		if (status.lastError() != null) {
			builder.withDetail("lastError", status.lastError());
		}
		return builder.build();
	}

}
