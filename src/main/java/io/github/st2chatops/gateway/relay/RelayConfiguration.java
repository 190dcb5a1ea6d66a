package io.github.st2chatops.gateway.relay;

import java.time.Clock;
import java.time.Duration;

import io.github.st2chatops.gateway.alias.AliasCatalogSynchronizer;
import io.github.st2chatops.gateway.chat.ChatDelivery;
import io.github.st2chatops.gateway.chat.ChatSenders;
import io.github.st2chatops.gateway.chat.InquiryProperties;
import io.github.st2chatops.gateway.st2.St2Operations;
import io.github.st2chatops.gateway.st2.St2Properties;
import io.github.st2chatops.gateway.st2.St2StreamClient;
import io.github.st2chatops.gateway.st2.St2StreamSettings;
import io.github.st2chatops.gateway.st2.St2TokenProvider;
import io.github.st2chatops.gateway.state.ClaimStore;
import io.github.st2chatops.gateway.state.LeaderLock;
import io.github.st2chatops.gateway.web.RequestBodyLimit;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The relay of st2 results to chat: the notification endpoint (always registered; 404
 * without a token), the relay both it and the stream follower use, and the stream
 * follower when {@code gateway.relay.stream.enabled=true}, whose alias events refresh the
 * alias catalog.
 */
@Configuration(proxyBeanMethods = false)
class RelayConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(RelayConfiguration.class);

	@Bean
	NotificationRelay notificationRelay(ChatSenders senders, ChatDelivery delivery, ClaimStore claims,
			RelayProperties properties, MeterRegistry meterRegistry) {
		if (!properties.pushEnabled()) {
			logger.info("gateway.relay.token is not set: POST {} answers 404 and st2 cannot push results",
					NotificationController.PATH);
		}
		return new NotificationRelay(senders, delivery, claims, properties, meterRegistry);
	}

	@Bean
	InquiryRelay inquiryRelay(St2Operations st2, NotificationRelay relay, ChatSenders senders,
			InquiryProperties properties, MeterRegistry meterRegistry,
			@Value("${gateway.command.prefix:!st2}") String prefix) {
		return new InquiryRelay(st2, relay, senders, properties, prefix, meterRegistry);
	}

	/**
	 * st2's results may be large: the notification endpoint takes bodies up to
	 * gateway.relay.max-body-size, every other endpoint keeps gateway.web.max-body-size.
	 */
	@Bean
	RequestBodyLimit notificationBodyLimit(RelayProperties properties) {
		return new RequestBodyLimit(NotificationController.PATH, properties.maxBodySize());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "gateway.relay.stream.enabled", havingValue = "true")
	static class StreamFollowerConfiguration {

		@Bean
		St2StreamFollower st2StreamFollower(RelayProperties properties, St2Properties st2, St2TokenProvider tokens,
				LeaderLock lock, NotificationRelay relay, ObjectProvider<AliasChangeListener> aliasListeners,
				JsonMapper jsonMapper, Clock clock, MeterRegistry meterRegistry,
				@Value("${spring.lifecycle.timeout-per-shutdown-phase:30s}") Duration shutdownPhase) {
			if (st2.streamUrl() == null) {
				throw new IllegalStateException(
						"gateway.relay.stream.enabled=true needs gateway.st2.url or gateway.st2.stream-url");
			}
			RelayProperties.Stream stream = properties.stream();
			St2StreamSettings settings = new St2StreamSettings(stream.connectTimeout(), stream.idleTimeout(),
					stream.initialBackoff(), stream.maxBackoff(), stream.stableAfter(),
					St2StreamSettings.DEFAULT_MAX_EVENT_SIZE);
			St2StreamClient client = St2StreamClient.create(st2, tokens, settings, clock);
			return new St2StreamFollower(stream, client, st2.route(), lock, relay, aliasListeners, jsonMapper, clock,
					meterRegistry, shutdownPhase);
		}

		/**
		 * Alias changes on the stream refresh the catalog at once.
		 */
		@Bean
		AliasChangeListener aliasCatalogRefresh(ObjectProvider<AliasCatalogSynchronizer> synchronizer) {
			return (event) -> synchronizer.ifAvailable(AliasCatalogSynchronizer::requestRefresh);
		}

		@Bean
		St2StreamHealthIndicator st2StreamHealthIndicator(St2StreamFollower follower) {
			return new St2StreamHealthIndicator(follower);
		}

	}

}
