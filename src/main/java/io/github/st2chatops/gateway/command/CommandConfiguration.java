package io.github.st2chatops.gateway.command;

import java.util.Optional;

import io.github.st2chatops.gateway.alias.AliasCatalogHolder;
import io.github.st2chatops.gateway.alias.AliasCatalogSynchronizer;
import io.github.st2chatops.gateway.st2.St2Client;
import io.github.st2chatops.gateway.st2.St2Impersonation;
import io.github.st2chatops.gateway.st2.St2Properties;
import io.github.st2chatops.gateway.state.RateCounter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the command pipeline.
 */
@Configuration(proxyBeanMethods = false)
class CommandConfiguration {

	@Bean
	CommandService commandService(CommandProperties properties, AliasCatalogHolder catalogs,
			AliasCatalogSynchronizer synchronizer, St2Client st2, St2Properties st2Properties,
			MeterRegistry meterRegistry, AccessProperties access, ObjectProvider<CommandRateLimiter> rateLimiter,
			ObjectProvider<St2Impersonation> impersonation) {
		String webUrl = (st2Properties.webUrl() != null) ? st2Properties.webUrl().toString() : null;
		return new CommandService(properties, catalogs, synchronizer, st2, st2Properties.route(), webUrl, meterRegistry,
				new AccessPolicy(access), rateLimiter.getIfAvailable(() -> (requester) -> Optional.empty()),
				impersonation.getIfAvailable());
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "gateway.rate-limit.enabled", matchIfMissing = true)
	CommandRateLimiter commandRateLimiter(RateLimitProperties properties, ObjectProvider<RateCounter> shared) {
		// with gateway.state.store=redis the limits count across replicas, falling back
		// to this replica's own while Redis is unreachable
		InMemoryCommandRateLimiter local = new InMemoryCommandRateLimiter(properties);
		RateCounter counter = shared.getIfAvailable();
		return (counter != null) ? new SharedCommandRateLimiter(properties, counter, local) : local;
	}

}
