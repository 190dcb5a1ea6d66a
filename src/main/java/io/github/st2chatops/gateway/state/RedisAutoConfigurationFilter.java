package io.github.st2chatops.gateway.state;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Leaves Spring Boot's Redis auto-configuration out unless
 * {@code gateway.state.store=redis}: with the memory store no Redis client is created, so
 * nothing tries to connect to a Redis at start-up or in health.
 */
class RedisAutoConfigurationFilter implements AutoConfigurationImportFilter, EnvironmentAware {

	static final String REDIS_AUTO_CONFIGURATION_PACKAGE = "org.springframework.boot.data.redis.autoconfigure.";

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata autoConfigurationMetadata) {
		boolean redis = redisStore();
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < autoConfigurationClasses.length; i++) {
			String candidate = autoConfigurationClasses[i];
			matches[i] = redis || candidate == null || !candidate.startsWith(REDIS_AUTO_CONFIGURATION_PACKAGE);
		}
		return matches;
	}

	private boolean redisStore() {
		if (this.environment == null) {
			return true;
		}
		return Binder.get(this.environment)
			.bind("gateway.state.store", StateProperties.Store.class)
			.map(StateProperties.Store.REDIS::equals)
			.orElse(false);
	}

}
