package io.github.st2chatops.gateway.chat.slack;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import io.github.st2chatops.gateway.chat.ChatPlatform;
import io.github.st2chatops.gateway.chat.ConditionalOnChatPlatform;
import io.github.st2chatops.gateway.chat.SentParts;

/**
 * Slack's beans, present only when {@code gateway.chat.slack.signing-secret} is set.
 * Without it there is no Slack endpoint (404) and no Slack sender.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnChatPlatform(SlackProperties.ENABLED_BY)
class SlackConfiguration {

	/** The platform id, as in {@code ChatAddress.platform()}. */
	static final String PLATFORM = "slack";

	@Bean
	ChatPlatform<Void> slackPlatform(SlackProperties properties, SlackUserNames userNames, JsonMapper jsonMapper,
			Clock clock) {
		// Slack waits three seconds: answer at once, every reply goes through the sender
		return new ChatPlatform<>(PLATFORM, new SlackRequestVerifier(properties.signingSecret(), clock),
				new SlackInboundParser(properties, userNames, jsonMapper), Duration.ZERO);
	}

	@Bean
	SlackClient slackClient(SlackProperties properties, RestClient.Builder restClientBuilder, JsonMapper jsonMapper) {
		HttpClient httpClient = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.timeout())
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
		requestFactory.setReadTimeout(properties.timeout());
		return new SlackClient(restClientBuilder.requestFactory(requestFactory).build(), properties.apiUrl(),
				properties.botToken(), jsonMapper);
	}

	@Bean
	SlackSender slackSender(SlackClient slackClient, SlackProperties properties, Clock clock) {
		return new SlackSender(slackClient, properties.messageLimit(), new SentParts(clock));
	}

	@Bean
	SlackUserNames slackUserNames(SlackClient slackClient, Clock clock) {
		return new SlackUserNames(slackClient, clock);
	}

}
