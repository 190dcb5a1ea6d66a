package io.github.st2chatops.gateway.chat.mattermost;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
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
 * Mattermost's beans, present only when {@code gateway.chat.mattermost.token} is set.
 * Without it there is no Mattermost endpoint (404) and no Mattermost sender.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(MattermostConfiguration.OnMattermostConfigured.class)
class MattermostConfiguration {

	@Bean
	MattermostClient mattermostClient(MattermostProperties properties, RestClient.Builder restClientBuilder,
			JsonMapper jsonMapper) {
		HttpClient httpClient = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.timeout())
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
		requestFactory.setReadTimeout(properties.timeout());
		return new MattermostClient(restClientBuilder.requestFactory(requestFactory).build(), properties.url(),
				properties.botToken(), jsonMapper);
	}

	@Bean
	MattermostSender mattermostSender(MattermostClient mattermostClient, MattermostProperties properties, Clock clock) {
		return new MattermostSender(mattermostClient, properties, new SentParts(clock));
	}

	/**
	 * Matches when at least one token is set to something other than blanks.
	 */
	static class OnMattermostConfigured extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			List<String> tokens = Binder.get(context.getEnvironment())
				.bind(MattermostProperties.TOKEN, Bindable.listOf(String.class))
				.orElse(List.of());
			return tokens.stream().anyMatch(StringUtils::hasText)
					? ConditionOutcome.match(MattermostProperties.TOKEN + " is set")
					: ConditionOutcome.noMatch(MattermostProperties.TOKEN + " is not set");
		}

	}

}
