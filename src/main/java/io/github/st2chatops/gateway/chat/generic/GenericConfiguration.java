package io.github.st2chatops.gateway.chat.generic;

import java.time.Clock;
import java.time.Duration;

import tools.jackson.databind.json.JsonMapper;

import io.github.st2chatops.gateway.chat.ChatPlatform;
import io.github.st2chatops.gateway.chat.ChatWebhookClient;
import io.github.st2chatops.gateway.chat.ConditionalOnChatPlatform;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the generic webhook when {@code gateway.chat.generic.secret} is set.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnChatPlatform(GenericProperties.ENABLED_BY)
class GenericConfiguration {

	/** The platform id, as in {@code ChatAddress.platform()}. */
	static final String PLATFORM = "generic";

	@Bean
	ChatPlatform<GenericMessage> genericPlatform(GenericProperties properties, JsonMapper jsonMapper, Clock clock) {
		// every reply goes to the callback URL: the caller is answered at once
		return new ChatPlatform<>(PLATFORM, new GenericRequestVerifier(properties.secret(), clock),
				new GenericInboundParser(jsonMapper), Duration.ZERO);
	}

	@Bean
	GenericSender genericSender(GenericProperties properties, JsonMapper jsonMapper, Clock clock) {
		return new GenericSender(properties, new ChatWebhookClient(PLATFORM, clock), jsonMapper, clock);
	}

}
