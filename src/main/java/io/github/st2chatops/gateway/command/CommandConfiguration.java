package io.github.st2chatops.gateway.command;

import io.github.st2chatops.gateway.alias.AliasCatalogHolder;
import io.github.st2chatops.gateway.alias.AliasCatalogSynchronizer;
import io.github.st2chatops.gateway.st2.St2Client;
import io.github.st2chatops.gateway.st2.St2Properties;
import io.micrometer.core.instrument.MeterRegistry;

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
			MeterRegistry meterRegistry) {
		String webUrl = (st2Properties.webUrl() != null) ? st2Properties.webUrl().toString() : null;
		return new CommandService(properties, catalogs, synchronizer, st2, st2Properties.route(), webUrl,
				meterRegistry);
	}

}
