package io.github.st2chatops.gateway.chat.discord;

import java.time.Clock;
import java.time.Duration;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import io.github.st2chatops.gateway.chat.ChatPlatform;
import io.github.st2chatops.gateway.chat.ConditionalOnChatPlatform;

/**
 * Discord's beans, present only when {@code gateway.chat.discord.public-key} is set.
 * Without it there is no Discord endpoint (404) and no Discord sender.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnChatPlatform(DiscordProperties.ENABLED_BY)
class DiscordConfiguration {

	/** The platform id, as in {@code ChatAddress.platform()}. */
	static final String PLATFORM = "discord";

	@Bean
	DiscordInteractions discordInteractions(DiscordProperties properties, Clock clock) {
		return new DiscordInteractions(properties, clock);
	}

	@Bean
	ChatPlatform<DiscordInteraction> discordPlatform(DiscordProperties properties, DiscordInteractions interactions,
			JsonMapper jsonMapper, Clock clock) {
		// Discord waits three seconds: answer at once (deferred), every reply goes
		// through
		// the sender
		return new ChatPlatform<>(PLATFORM, new DiscordRequestVerifier(properties.publicKey(), clock),
				new DiscordInboundParser(properties, interactions, jsonMapper), Duration.ZERO);
	}

	@Bean
	DiscordClient discordClient(DiscordProperties properties, DiscordInteractions interactions,
			RestClient.Builder restClientBuilder, JsonMapper jsonMapper, Clock clock) {
		ClientHttpRequestFactory requestFactory = ClientHttpRequestFactoryBuilder.jdk()
			.build(HttpClientSettings.defaults().withTimeouts(properties.timeout(), properties.timeout()));
		return new DiscordClient(restClientBuilder.requestFactory(requestFactory).build(), properties, interactions,
				jsonMapper, clock);
	}

	@Bean
	DiscordSender discordSender(DiscordClient discordClient, DiscordInteractions interactions,
			DiscordProperties properties) {
		return new DiscordSender(discordClient, interactions, properties.messageLimit());
	}

}
