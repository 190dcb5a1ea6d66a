package io.github.st2chatops.gateway.chat.generic;

import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

import io.github.st2chatops.gateway.chat.ChatWebhookClient;
import io.github.st2chatops.gateway.chat.ConditionalOnChatPlatform;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the generic webhook when {@code gateway.chat.generic.secret} is set.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnChatPlatform("gateway.chat.generic.secret")
class GenericConfiguration {

	@Bean
	GenericRequestVerifier genericRequestVerifier(GenericProperties properties, Clock clock) {
		return new GenericRequestVerifier(properties.secret(), clock);
	}

	@Bean
	GenericSender genericSender(GenericProperties properties, JsonMapper jsonMapper, Clock clock) {
		return new GenericSender(properties, new ChatWebhookClient(GenericWebhookController.PLATFORM, clock),
				jsonMapper, clock);
	}

}
