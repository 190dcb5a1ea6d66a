package io.github.st2chatops.gateway.relay;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.st2chatops.gateway.chat.ChatDelivery;
import io.github.st2chatops.gateway.chat.ChatSenders;
import io.github.st2chatops.gateway.chat.DeliveryProperties;
import io.github.st2chatops.gateway.state.ClaimStore;
import io.github.st2chatops.gateway.state.InMemoryClaimStore;
import io.github.st2chatops.gateway.state.StateUnavailableException;
import io.github.st2chatops.gateway.support.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * What relay tests run against: a test chat platform on WireMock, a clock that delivery
 * retries move forward instead of sleeping, and a claim store that can be made
 * unavailable.
 */
@TestConfiguration(proxyBeanMethods = false)
class RelayTestConfiguration {

	@Bean
	@Primary
	MutableClock mutableClock() {
		return MutableClock.followingSystemClock();
	}

	@Bean
	TestChatSender testChatSender(@Value("${test.chat.url}") String url) {
		return new TestChatSender(url);
	}

	@Bean
	RecordingSleeper recordingSleeper(MutableClock clock) {
		return new RecordingSleeper(clock);
	}

	@Bean
	@Primary
	ChatDelivery testChatDelivery(ChatSenders senders, DeliveryProperties properties, MutableClock clock,
			RecordingSleeper sleeper, MeterRegistry meterRegistry) {
		return new ChatDelivery(senders, properties, clock, sleeper, meterRegistry);
	}

	@Bean
	@Primary
	SwitchableClaimStore switchableClaimStore(Clock clock) {
		return new SwitchableClaimStore(new InMemoryClaimStore(clock));
	}

	/**
	 * Moves the clock instead of sleeping and remembers every wait.
	 */
	static final class RecordingSleeper implements ChatDelivery.Sleeper {

		private final MutableClock clock;

		private final List<Duration> waits = new CopyOnWriteArrayList<>();

		RecordingSleeper(MutableClock clock) {
			this.clock = clock;
		}

		@Override
		public boolean sleep(Duration duration) {
			this.waits.add(duration);
			this.clock.advance(duration);
			return true;
		}

		List<Duration> waits() {
			return this.waits;
		}

	}

	/**
	 * An in-memory claim store that can be made to fail like an unreachable Redis.
	 */
	static final class SwitchableClaimStore implements ClaimStore {

		private final ClaimStore delegate;

		private final AtomicBoolean unavailable = new AtomicBoolean();

		SwitchableClaimStore(ClaimStore delegate) {
			this.delegate = delegate;
		}

		void setUnavailable(boolean unavailable) {
			this.unavailable.set(unavailable);
		}

		@Override
		public boolean claim(String key, Duration ttl) {
			if (this.unavailable.get()) {
				throw new StateUnavailableException("store unreachable", null);
			}
			return this.delegate.claim(key, ttl);
		}

		@Override
		public void release(String key) {
			this.delegate.release(key);
		}

		@Override
		public String progress(String key) {
			if (this.unavailable.get()) {
				throw new StateUnavailableException("store unreachable", null);
			}
			return this.delegate.progress(key);
		}

		@Override
		public void recordProgress(String key, String progress, Duration ttl) {
			this.delegate.recordProgress(key, progress, ttl);
		}

	}

}
