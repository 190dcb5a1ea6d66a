package io.github.st2chatops.gateway.chat.generic;

import org.junit.jupiter.api.Test;

import io.github.st2chatops.gateway.chat.ChatPlatformTestBeans;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generic webhook settings: off until the secret is set, a half or weak setting stops
 * start-up with a message that names the property.
 */
class GenericPropertiesTests {

	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(ChatPlatformTestBeans.class, Base.class, GenericConfiguration.class);

	@Test
	void withoutSecretGenericShouldBeOff() {
		this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(GenericSender.class));
	}

	@Test
	void secretAndCallbackUrlShouldTurnGenericOn() {
		this.runner
			.withPropertyValues("gateway.chat.generic.secret=0123456789abcdef0123",
					"gateway.chat.generic.callback-url=https://bot.example.com/st2?key=k3y")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(GenericSender.class);
				assertThat(context.getBean(GenericProperties.class).toString()).doesNotContain("0123456789abcdef0123")
					.doesNotContain("k3y");
			});
	}

	@Test
	void secretWithoutCallbackUrlShouldStopStartUp() {
		this.runner.withPropertyValues("gateway.chat.generic.secret=0123456789abcdef0123")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("gateway.chat.generic.callback-url must be set"));
	}

	@Test
	void callbackUrlWithoutSecretShouldStopStartUp() {
		this.runner.withPropertyValues("gateway.chat.generic.callback-url=https://bot.example.com/st2")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("gateway.chat.generic.secret must be set"));
	}

	@Test
	void shortSecretShouldStopStartUpWithoutShowingIt() {
		this.runner
			.withPropertyValues("gateway.chat.generic.secret=tooShort",
					"gateway.chat.generic.callback-url=https://bot.example.com/st2")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("gateway.chat.generic.secret must be at least 16 characters")
				.hasMessageNotContaining("tooShort"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(GenericProperties.class)
	static class Base {

	}

}
