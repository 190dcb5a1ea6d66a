package io.github.st2chatops.gateway.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Shared HTTP settings.
 *
 * @param maxBodySize the largest request body any endpoint accepts; larger bodies get 413
 * before anything reads them (default 64KB)
 */
@ConfigurationProperties("gateway.web")
public record WebProperties(@DefaultValue("64KB") DataSize maxBodySize) {

	public WebProperties {
		if (maxBodySize.toBytes() <= 0) {
			throw new IllegalArgumentException("gateway.web.max-body-size must be positive");
		}
	}

}
