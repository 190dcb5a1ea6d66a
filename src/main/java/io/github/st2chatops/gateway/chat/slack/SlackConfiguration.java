package io.github.st2chatops.gateway.chat.slack;

import java.net.http.HttpClient;
import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;

import io.github.st2chatops.gateway.chat.SentParts;

/**
 * Slack's beans, present only when {@code gateway.chat.slack.signing-secret} is set.
 * Without it there is no Slack endpoint (404) and no Slack sender.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SlackConfiguration.OnSlackConfigured.class)
class SlackConfiguration {

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
	SlackRequestVerifier slackRequestVerifier(SlackProperties properties, Clock clock) {
		return new SlackRequestVerifier(properties.signingSecret(), clock);
	}

	@Bean
	SlackUserNames slackUserNames(SlackClient slackClient, Clock clock) {
		return new SlackUserNames(slackClient, clock);
	}

	/**
	 * Matches when the signing secret is set to something other than blanks (an empty
	 * environment variable leaves Slack off).
	 */
	static class OnSlackConfigured extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String secret = Binder.get(context.getEnvironment())
				.bind(SlackProperties.SIGNING_SECRET, String.class)
				.orElse(null);
			return StringUtils.hasText(secret) ? ConditionOutcome.match(SlackProperties.SIGNING_SECRET + " is set")
					: ConditionOutcome.noMatch(SlackProperties.SIGNING_SECRET + " is not set");
		}

	}

}
