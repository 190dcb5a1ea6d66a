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
 * 10m, or three refresh intervals when that is longer; when set, longer than the refresh
 * interval)
 */
@ConfigurationProperties("gateway.catalog")
public record CatalogProperties(@DefaultValue("60s") Duration refreshInterval, Duration maxAge) {

	private static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(10);

	public CatalogProperties {
		if (maxAge == null) {
			Duration threeSyncs = refreshInterval.multipliedBy(3);
			maxAge = (threeSyncs.compareTo(DEFAULT_MAX_AGE) > 0) ? threeSyncs : DEFAULT_MAX_AGE;
		}
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
