package io.github.st2chatops.gateway.chat.teams;

import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

import io.github.st2chatops.gateway.chat.ChatWebhookClient;
import io.github.st2chatops.gateway.chat.ConditionalOnChatPlatform;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires Microsoft Teams when {@code gateway.chat.teams.security-token} is set.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnChatPlatform("gateway.chat.teams.security-token")
class TeamsConfiguration {

	@Bean
	TeamsRequestVerifier teamsRequestVerifier(TeamsProperties properties) {
		return new TeamsRequestVerifier(properties.securityKey());
	}

	@Bean
	TeamsSender teamsSender(TeamsProperties properties, JsonMapper jsonMapper, Clock clock) {
		return new TeamsSender(properties, new ChatWebhookClient(TeamsWebhookController.PLATFORM, clock), jsonMapper);
	}

}
