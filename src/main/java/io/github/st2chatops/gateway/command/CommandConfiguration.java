package io.github.st2chatops.gateway.command;

import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import io.github.st2chatops.gateway.alias.AliasCatalogHolder;
import io.github.st2chatops.gateway.alias.AliasCatalogSynchronizer;
import io.github.st2chatops.gateway.alias.CatalogProperties;
import io.github.st2chatops.gateway.chat.ChatSenders;
import io.github.st2chatops.gateway.st2.St2Operations;
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
			CatalogProperties catalogProperties, AliasCatalogSynchronizer synchronizer, St2Operations st2,
			St2Properties st2Properties, MeterRegistry meterRegistry, AccessProperties access,
			ObjectProvider<CommandRateLimiter> rateLimiter, ChatSenders senders, Clock clock) {
		String webUrl = (st2Properties.webUrl() != null) ? st2Properties.webUrl().toString() : null;
		// a REST API command may only name a channel whose platform has a sender (or
		// api, followed over the REST API): its result could not be delivered elsewhere
		Set<String> served = new HashSet<>(senders.platforms());
		served.add(CommandService.API_PLATFORM);
		return new CommandService(properties, catalogs,
				new CatalogAvailability(catalogs, catalogProperties.maxAge(), clock), synchronizer::requestRefresh, st2,
				new AckComposer(webUrl), meterRegistry, new AccessPolicy(access),
				rateLimiter.getIfAvailable(() -> (requester) -> Optional.empty()), served::contains);
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
