package io.github.st2chatops.gateway.relay;

import io.github.st2chatops.gateway.chat.ChatDelivery;
import io.github.st2chatops.gateway.chat.ChatSenders;
import io.github.st2chatops.gateway.state.ClaimStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The relay of st2 results to chat: the notification endpoint (always registered; 404
 * without a token) and the relay both it and the stream follower use.
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

}
