package io.github.st2chatops.gateway.chat.rocketchat;

import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

import io.github.st2chatops.gateway.chat.ChatPlatform;
import io.github.st2chatops.gateway.chat.ChatWebhookClient;
import io.github.st2chatops.gateway.chat.ConditionalOnChatPlatform;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires Rocket.Chat when {@code gateway.chat.rocketchat.token} is set.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnChatPlatform(RocketChatProperties.ENABLED_BY)
class RocketChatConfiguration {

	/** The platform id, as in {@code ChatAddress.platform()}. */
	static final String PLATFORM = "rocketchat";

	@Bean
	ChatPlatform<RocketChatOutgoingMessage> rocketChatPlatform(RocketChatProperties properties, JsonMapper jsonMapper) {
		return new ChatPlatform<>(PLATFORM, new RocketChatRequestVerifier(properties.token(), jsonMapper),
				new RocketChatInboundParser(properties, jsonMapper), properties.replyDeadline());
	}

	@Bean
	RocketChatSender rocketChatSender(RocketChatProperties properties, JsonMapper jsonMapper, Clock clock) {
		return new RocketChatSender(properties, new ChatWebhookClient(PLATFORM, clock), jsonMapper);
	}

}
