package io.github.st2chatops.gateway.alias;

import java.time.Clock;

import io.github.st2chatops.gateway.st2.St2Operations;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;

/**
 * Wires the catalog, its synchronizer, health contributor and metrics.
 */
@Configuration(proxyBeanMethods = false)
class AliasConfiguration {

	@Bean
	AliasCatalogHolder aliasCatalogHolder(MeterRegistry meterRegistry, Clock clock) {
		AliasCatalogHolder holder = new AliasCatalogHolder();
		Gauge.builder("gateway.catalog.aliases", holder, (h) -> h.status().aliasCount())
			.description("Aliases in the current catalog")
			.register(meterRegistry);
		Gauge.builder("gateway.catalog.sync.age", holder, (h) -> {
			var last = h.status().lastSuccess();
			return (last != null) ? (clock.millis() - last.toEpochMilli()) / 1000.0 : Double.NaN;
		}).description("Seconds since the catalog was last synced").baseUnit("seconds").register(meterRegistry);
		return holder;
	}

	@Bean
	AliasCatalogSynchronizer aliasCatalogSynchronizer(St2Operations st2, AliasCatalogHolder holder,
			TaskScheduler taskScheduler, CatalogProperties properties, Clock clock) {
		return new AliasCatalogSynchronizer(st2, holder, taskScheduler, properties.refreshInterval(), clock);
	}

	@Bean
	AliasCatalogHealthIndicator aliasCatalogHealthIndicator(AliasCatalogHolder holder) {
		return new AliasCatalogHealthIndicator(holder);
	}

	@Bean
	CatalogSyncAttemptHealthIndicator catalogSyncAttemptHealthIndicator(AliasCatalogHolder holder) {
		return new CatalogSyncAttemptHealthIndicator(holder);
	}

}
