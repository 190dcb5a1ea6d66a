package io.github.st2chatops.gateway.chat.slack;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

import io.github.st2chatops.gateway.chat.ChatPlatform;
import io.github.st2chatops.gateway.chat.ChatRequestProblem;
import io.github.st2chatops.gateway.chat.ChatRequestVerifier;
import io.github.st2chatops.gateway.chat.ChatRestClients;
import io.github.st2chatops.gateway.chat.InboundFlow;
import io.github.st2chatops.gateway.chat.ConditionalOnChatPlatform;
import io.github.st2chatops.gateway.chat.ResponseUrlPolicy;
import io.github.st2chatops.gateway.chat.SocketTransportHealth;

/**
 * Slack's beans, present only when {@code gateway.chat.slack.signing-secret} (HTTP
 * endpoints) or {@code gateway.chat.slack.app-token} (Socket Mode) is set. Without either
 * there is no Slack endpoint (404), no socket and no Slack sender.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnChatPlatform({ SlackProperties.SIGNING_SECRET, SlackProperties.APP_TOKEN })
class SlackConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(SlackConfiguration.class);

	/** The platform id, as in {@code ChatAddress.platform()}. */
	static final String PLATFORM = "slack";

	/** How long a click waits for its answer before it goes out through the sender. */
	static final Duration INTERACTION_DEADLINE = Duration.ofSeconds(2);

	@Bean
	ChatPlatform<Void> slackPlatform(SlackProperties properties, SlackUserNames userNames, JsonMapper jsonMapper,
			Clock clock) {
		// Slack waits three seconds: answer at once, every reply goes through the sender
		ChatRequestVerifier verifier = StringUtils.hasText(properties.signingSecret())
				? new SlackRequestVerifier(properties.signingSecret(), clock)
				: (request) -> new ChatRequestVerifier.Verification.Refused(new ChatRequestProblem(
						ChatRequestProblem.Kind.UNAUTHORIZED, "Slack's HTTP endpoints are off (no signing secret)."));
		return new ChatPlatform<>(PLATFORM, verifier, new SlackInboundParser(properties, userNames, jsonMapper),
				Duration.ZERO);
	}

	/**
	 * Clicks on inquiry buttons: verified as the other Slack requests, waited for up to
	 * two seconds so that the message can be updated through the click's response_url
	 * within Slack's three.
	 */
	@Bean
	SlackInteractions slackInteractions(InboundFlow flow, ChatPlatform<Void> slackPlatform, SlackProperties properties,
			SlackClient slackClient, JsonMapper jsonMapper,
			@Qualifier("applicationTaskExecutor") AsyncTaskExecutor executor) {
		ChatPlatform<SlackInteraction> interactions = new ChatPlatform<>(PLATFORM, slackPlatform.verifier(),
				new SlackInteractionParser(properties, jsonMapper), INTERACTION_DEADLINE);
		return new SlackInteractions(flow, interactions, slackClient, responseUrls(properties), executor);
	}

	@Bean
	SlackClient slackClient(SlackProperties properties, RestClient.Builder restClientBuilder, JsonMapper jsonMapper) {
		return new SlackClient(ChatRestClients.http11(restClientBuilder, properties.timeout()), properties.apiUrl(),
				properties.botToken(), jsonMapper);
	}

	@Bean
	SlackSender slackSender(SlackClient slackClient, SlackProperties properties) {
		return new SlackSender(slackClient, properties.messageLimit(), responseUrls(properties));
	}

	/**
	 * The hosts a command's or a click's response_url may point to: the configured ones
	 * and the Web API's.
	 */
	private static ResponseUrlPolicy responseUrls(SlackProperties properties) {
		return new ResponseUrlPolicy(PLATFORM, SlackProperties.RESPONSE_URL_HOSTS, properties.responseUrlHosts(),
				properties.apiUrl());
	}

	@Bean
	SlackUserNames slackUserNames(SlackClient slackClient, Clock clock) {
		return new SlackUserNames(slackClient, clock);
	}

	/**
	 * Socket Mode's beans, present when the app token is set and Socket Mode is not
	 * switched off.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(SocketModeCondition.class)
	static class SocketModeConfiguration {

		@Bean
		SlackSocketMode slackSocketMode(SlackProperties properties, SlackClient slackClient, InboundFlow flow,
				ChatPlatform<Void> slackPlatform, JsonMapper jsonMapper, MeterRegistry meterRegistry, Clock clock,
				SlackInteractions interactions) {
			if (StringUtils.hasText(properties.signingSecret())) {
				logger.info("Slack Socket Mode is on; it does not need the signing secret, which the HTTP endpoints "
						+ "/chat/slack/* keep checking");
			}
			return new SlackSocketMode(slackClient, properties.appToken(), properties.socketMode(), flow, slackPlatform,
					jsonMapper, meterRegistry, clock, interactions);
		}

		@Bean
		SocketTransportHealth slackSocketModeHealthIndicator(SlackSocketMode slackSocketMode) {
			return new SocketTransportHealth(slackSocketMode);
		}

	}

	/**
	 * Matches when {@code gateway.chat.slack.app-token} has text and
	 * {@code gateway.chat.slack.socket-mode.enabled} is not false.
	 */
	static class SocketModeCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			if (!StringUtils.hasText(context.getEnvironment().getProperty(SlackProperties.APP_TOKEN))) {
				return ConditionOutcome.noMatch(SlackProperties.APP_TOKEN + " is not set");
			}
			if ("false".equalsIgnoreCase(
					context.getEnvironment().getProperty("gateway.chat.slack.socket-mode.enabled", "").strip())) {
				return ConditionOutcome.noMatch("gateway.chat.slack.socket-mode.enabled is false");
			}
			return ConditionOutcome.match(SlackProperties.APP_TOKEN + " is set");
		}

	}

}
