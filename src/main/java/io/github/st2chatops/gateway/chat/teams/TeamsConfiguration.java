package io.github.st2chatops.gateway.chat.teams;

import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

import io.github.st2chatops.gateway.chat.ChatPlatform;
import io.github.st2chatops.gateway.chat.ChatWebhookClient;
import io.github.st2chatops.gateway.chat.ConditionalOnChatPlatform;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires Microsoft Teams when {@code gateway.chat.teams.security-token} is set.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnChatPlatform(TeamsProperties.ENABLED_BY)
class TeamsConfiguration {

	/** The platform id, as in {@code ChatAddress.platform()}. */
	static final String PLATFORM = "teams";

	@Bean
	ChatPlatform<TeamsActivity> teamsPlatform(TeamsProperties properties, JsonMapper jsonMapper) {
		return new ChatPlatform<>(PLATFORM, new TeamsRequestVerifier(properties.securityKey()),
				new TeamsInboundParser(properties, jsonMapper), properties.replyDeadline());
	}

	@Bean
	TeamsSender teamsSender(TeamsProperties properties, JsonMapper jsonMapper, Clock clock) {
		return new TeamsSender(properties, new ChatWebhookClient(PLATFORM, clock), jsonMapper);
	}

}
