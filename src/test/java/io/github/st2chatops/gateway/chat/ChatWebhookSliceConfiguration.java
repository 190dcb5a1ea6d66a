package io.github.st2chatops.gateway.chat;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.web.client.RestClient;

import io.github.st2chatops.gateway.api.ApiProperties;
import io.github.st2chatops.gateway.state.ClaimStore;
import io.github.st2chatops.gateway.state.InMemoryClaimStore;
import io.github.st2chatops.gateway.state.StateUnavailableException;

/**
 * What a {@code @WebMvcTest} of a chat webhook controller needs besides the controller
 * and its platform's configuration: the shared chat machinery (the real
 * {@link InboundFlow}), a command handler that records what it ran, and a claim store
 * that can be taken down. A test adds its platform's configuration and properties.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(ChatConfiguration.class)
// the slice keeps every WebMvcConfigurer, the REST API's key check among them
@EnableConfigurationProperties({ DeliveryProperties.class, ApiProperties.class })
public class ChatWebhookSliceConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	MeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

	@Bean
	SwitchableClaimStore claimStore(Clock clock) {
		return new SwitchableClaimStore(clock);
	}

	@Bean
	@Primary
	ScriptedChatCommandHandler scriptedChatCommandHandler() {
		return new ScriptedChatCommandHandler();
	}

	@Bean
	AsyncTaskExecutor applicationTaskExecutor() {
		return new SimpleAsyncTaskExecutor("slice-");
	}

	@Bean
	RestClient.Builder restClientBuilder() {
		return RestClient.builder();
	}

	/**
	 * Claims in memory, or a store that cannot answer (as Redis when it is down).
	 */
	public static class SwitchableClaimStore implements ClaimStore {

		private final ClaimStore delegate;

		private final AtomicBoolean down = new AtomicBoolean();

		/**
		 * A store that is up.
		 * @param clock the clock of the claims
		 */
		public SwitchableClaimStore(Clock clock) {
			this.delegate = new InMemoryClaimStore(clock);
		}

		/**
		 * Takes the store down or brings it back.
		 * @param down whether every call fails
		 */
		public void setDown(boolean down) {
			this.down.set(down);
		}

		@Override
		public boolean claim(String key, Duration ttl) {
			check();
			return this.delegate.claim(key, ttl);
		}

		@Override
		public void release(String key) {
			check();
			this.delegate.release(key);
		}

		@Override
		public String progress(String key) {
			check();
			return this.delegate.progress(key);
		}

		@Override
		public void recordProgress(String key, String progress, Duration ttl) {
			check();
			this.delegate.recordProgress(key, progress, ttl);
		}

		private void check() {
			if (this.down.get()) {
				throw new StateUnavailableException("the test took the store down", null);
			}
		}

	}

}
