package io.github.st2chatops.gateway.alias;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Alias catalog settings.
 *
 * @param refreshInterval how often the full catalog is fetched from st2 (default 60s; at
 * least 1s)
 * @param maxAge how old the last good catalog may grow while st2 cannot be synced before
 * commands, help and dry runs answer unavailable instead of matching against it (default
 * 10m; longer than the refresh interval)
 */
@ConfigurationProperties("gateway.catalog")
public record CatalogProperties(@DefaultValue("60s") Duration refreshInterval, @DefaultValue("10m") Duration maxAge) {

	public CatalogProperties {
		if (refreshInterval.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException(
					"gateway.catalog.refresh-interval must be at least 1s, was " + refreshInterval);
		}
		if (maxAge.compareTo(refreshInterval) <= 0) {
			throw new IllegalArgumentException("gateway.catalog.max-age must be longer than "
					+ "gateway.catalog.refresh-interval (" + refreshInterval + "), was " + maxAge);
		}
	}

}
