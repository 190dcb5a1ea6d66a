package io.github.st2chatops.gateway.chat.rocketchat;

import java.util.stream.Stream;

import java.time.Duration;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;

import io.github.st2chatops.gateway.chat.ChatPlatformTestBeans;

import io.github.st2chatops.gateway.chat.PlatformPropertiesTestBase;
import io.github.st2chatops.gateway.chat.StartUpFailure;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

/**
 * Rocket.Chat settings: off until the token is set, a half setting stops start-up with a
 * message that names the property.
 */
class RocketChatPropertiesTests extends PlatformPropertiesTestBase {

	static final String WEBHOOK = "https://chat.example.com/hooks/5f7c0e1d2a3b4c5d6e7f8091/Xq2jZk7WmN4rT9sVbC1dE6fG";

	RocketChatPropertiesTests() {
		super(ChatPlatformTestBeans.class, Base.class, RocketChatConfiguration.class);
	}

	@Test
	void withoutTokenRocketChatShouldBeOff() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(RocketChatSender.class);
			RocketChatProperties properties = context.getBean(RocketChatProperties.class);
			assertThat(properties.maxMessageLength()).isEqualTo(5000);
			assertThat(properties.userField()).isEqualTo(RocketChatUserField.USER_NAME);
			assertThat(properties.replyDeadline()).isEqualTo(Duration.ofSeconds(3));
		});
	}

	@Test
	void tokenAndWebhookUrlShouldTurnRocketChatOn() {
		this.runner
			.withPropertyValues("gateway.chat.rocketchat.token=abc", "gateway.chat.rocketchat.webhook-url=" + WEBHOOK)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(RocketChatSender.class);
				assertThat(context.getBean(RocketChatProperties.class).toString()).doesNotContain("Xq2jZk7")
					.doesNotContain("=abc");
			});
	}

	static Stream<Named<StartUpFailure>> startUpFailures() {
		return Stream.of(
				named("token without webhook URL",
						StartUpFailure.of("gateway.chat.rocketchat.webhook-url must be set",
								"gateway.chat.rocketchat.token=abc")),
				named("webhook URL without token", StartUpFailure.of("gateway.chat.rocketchat.token must be set",
						"gateway.chat.rocketchat.webhook-url=" + WEBHOOK)));
	}

	@Test
	void userFieldShouldBindUserId() {
		this.runner.withPropertyValues("gateway.chat.rocketchat.user-field=user-id")
			.run((context) -> assertThat(context.getBean(RocketChatProperties.class).userField())
				.isEqualTo(RocketChatUserField.USER_ID));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(RocketChatProperties.class)
	static class Base {

	}

}
