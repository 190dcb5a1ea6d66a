package io.github.st2chatops.gateway.chat.slack;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import io.github.st2chatops.gateway.chat.ChatDelivery;
import io.github.st2chatops.gateway.chat.ChatSenders;
import io.github.st2chatops.gateway.chat.DeliveryProperties;
import io.github.st2chatops.gateway.chat.RecordingChatCommandHandler;
import io.github.st2chatops.gateway.chat.RecordingSleeper;

/**
 * The command pipeline played by a recording handler, and deliveries that record their
 * waits instead of sleeping.
 */
@TestConfiguration(proxyBeanMethods = false)
class SlackTestConfiguration {

	/**
	 * Stands in for the command pipeline, so these tests see exactly what the adapter
	 * hands over.
	 */
	@Bean
	@Primary
	RecordingChatCommandHandler recordingChatCommandHandler() {
		return new RecordingChatCommandHandler();
	}

	@Bean
	RecordingSleeper recordingSleeper() {
		return new RecordingSleeper();
	}

	@Bean
	@Primary
	ChatDelivery recordingChatDelivery(ChatSenders senders, DeliveryProperties properties, Clock clock,
			MeterRegistry meterRegistry, RecordingSleeper sleeper) {
		return new ChatDelivery(senders, properties, clock, sleeper, meterRegistry);
	}

}
