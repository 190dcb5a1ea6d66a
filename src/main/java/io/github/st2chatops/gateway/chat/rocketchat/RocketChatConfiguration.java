package io.github.st2chatops.gateway.chat.rocketchat;

import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

import io.github.st2chatops.gateway.chat.ChatWebhookClient;
import io.github.st2chatops.gateway.chat.ConditionalOnChatPlatform;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires Rocket.Chat when {@code gateway.chat.rocketchat.token} is set.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnChatPlatform("gateway.chat.rocketchat.token")
class RocketChatConfiguration {

	@Bean
	RocketChatSender rocketChatSender(RocketChatProperties properties, JsonMapper jsonMapper, Clock clock) {
		return new RocketChatSender(properties, new ChatWebhookClient(RocketChatWebhookController.PLATFORM, clock),
				jsonMapper);
	}

}
