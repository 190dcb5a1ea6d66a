package io.github.st2chatops.gateway.alias;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Alias catalog settings.
 *
 * @param refreshInterval how often the full catalog is fetched from st2 (default 60s; at
 * least 1s)
 */
@ConfigurationProperties("gateway.catalog")
public record CatalogProperties(@DefaultValue("60s") Duration refreshInterval) {

	public CatalogProperties {
		if (refreshInterval.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException(
					"gateway.catalog.refresh-interval must be at least 1s, was " + refreshInterval);
		}
	}

}
