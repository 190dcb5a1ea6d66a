package io.github.st2chatops.gateway.command;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.github.st2chatops.gateway.alias.AliasCatalogHolder;
import io.github.st2chatops.gateway.st2.St2Operations;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A real pipeline on a given catalog and st2, without Spring, for tests of other packages
 * (the REST API's slice tests).
 */
public final class TestCommandServices {

	private TestCommandServices() {
	}

	/**
	 * A pipeline with prefix {@code !st2}, no access rules and no rate limits.
	 * @param catalogs the catalog
	 * @param st2 st2
	 * @param servedPlatforms the chat platforms REST API channels may name
	 * @return the pipeline
	 */
	public static CommandService of(AliasCatalogHolder catalogs, St2Operations st2, Set<String> servedPlatforms) {
		return new CommandService(new CommandProperties("!st2", 20, 4000), catalogs,
				new CatalogAvailability(catalogs, Duration.ofMinutes(10), Clock.systemUTC()), () -> {
				}, st2, new AckComposer(null), new SimpleMeterRegistry(),
				new AccessPolicy(new AccessProperties(AccessProperties.Effect.ALLOW, true, List.of(), List.of())),
				(requester) -> Optional.empty(), servedPlatforms::contains);
	}

}
