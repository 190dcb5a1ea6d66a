package io.github.st2chatops.gateway.chat;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * For the Slack and Mattermost end-to-end tests: the command pipeline played by a
 * recording handler, and deliveries that record their waits instead of sleeping.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RecordingChatTestConfiguration {

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
