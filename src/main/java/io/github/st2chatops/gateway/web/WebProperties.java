package io.github.st2chatops.gateway.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Shared HTTP settings.
 *
 * @param maxBodySize the largest request body any endpoint accepts; larger bodies get 413
 * before anything reads them (default 64KB)
 * @param bodyReadTimeout how long a request body may take to arrive in full (default
 * 10s); a slower one gets 408 and its connection is closed, so that clients trickling
 * bytes cannot hold the web server's threads
 */
@ConfigurationProperties("gateway.web")
public record WebProperties(@DefaultValue("64KB") DataSize maxBodySize, @DefaultValue("10s") Duration bodyReadTimeout) {

	public WebProperties {
		if (maxBodySize.toBytes() <= 0) {
			throw new IllegalArgumentException("gateway.web.max-body-size must be positive");
		}
		if (bodyReadTimeout.isNegative() || bodyReadTimeout.isZero()) {
			throw new IllegalArgumentException("gateway.web.body-read-timeout must be positive");
		}
	}

}
