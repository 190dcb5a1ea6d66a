package io.github.st2chatops.gateway.state;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the state store from {@code gateway.state.store}.
 */
@Configuration(proxyBeanMethods = false)
class StateConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "gateway.state.store", havingValue = "memory", matchIfMissing = true)
	static class InMemoryState {

		@Bean
		InMemoryClaimStore claimStore(Clock clock) {
			return new InMemoryClaimStore(clock);
		}

		@Bean
		InMemoryLeaderLock leaderLock() {
			return new InMemoryLeaderLock();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "gateway.state.store", havingValue = "redis")
	static class RedisState {

		RedisState() {
			throw new IllegalStateException("gateway.state.store=redis is not available in this version of the "
					+ "gateway; use gateway.state.store=memory with a single replica");
		}

	}

}
