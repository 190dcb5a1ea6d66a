package io.github.st2chatops.gateway.chat;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * For platform end-to-end tests: a recording command handler in place of the command
 * pipeline (primary, so it wins over the pipeline's handler), and a delivery whose waits
 * are recorded instead of slept.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ChatTestConfiguration {

	@Bean
	@Primary
	ScriptedChatCommandHandler recordingChatCommandHandler() {
		return new ScriptedChatCommandHandler();
	}

	@Bean
	RecordingSleeper recordingSleeper() {
		return new RecordingSleeper();
	}

	@Bean
	@Primary
	ChatDelivery recordingSleeperChatDelivery(ChatSenders senders, DeliveryProperties properties, Clock clock,
			MeterRegistry meterRegistry, RecordingSleeper sleeper) {
		return new ChatDelivery(senders, properties, clock, sleeper, meterRegistry);
	}

}
