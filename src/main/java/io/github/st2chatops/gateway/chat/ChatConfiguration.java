package io.github.st2chatops.gateway.chat;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.AsyncTaskExecutor;

import io.github.st2chatops.gateway.state.ClaimStore;

/**
 * The platform-neutral chat machinery: senders by platform, retrying delivery, and the
 * command runner (on Boot's application task executor, virtual threads on Java 21+), and
 * the inbound flow every platform's requests go through.
 */
@Configuration(proxyBeanMethods = false)
class ChatConfiguration {

	@Bean
	ChatSenders chatSenders(List<ChatSender> senders) {
		return new ChatSenders(senders);
	}

	@Bean
	ChatDelivery chatDelivery(ChatSenders senders, DeliveryProperties properties, Clock clock,
			MeterRegistry meterRegistry) {
		return new ChatDelivery(senders, properties, clock, ChatDelivery.Sleeper.threadSleep(), meterRegistry);
	}

	@Bean
	ChatCommandRunner chatCommandRunner(ObjectProvider<ChatCommandHandler> handler, ChatDelivery delivery,
			@Qualifier("applicationTaskExecutor") AsyncTaskExecutor executor) {
		return new ChatCommandRunner(handler, delivery, executor);
	}

	@Bean
	InboundFlow inboundFlow(ClaimStore claims, ChatCommandRunner runner, MeterRegistry meterRegistry) {
		return new InboundFlow(claims, runner, meterRegistry);
	}

}
