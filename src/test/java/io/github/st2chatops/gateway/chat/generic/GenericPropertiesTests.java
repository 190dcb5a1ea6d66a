package io.github.st2chatops.gateway.chat.generic;

import java.util.stream.Stream;

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
 * Generic webhook settings: off until the secret is set, a half or weak setting stops
 * start-up with a message that names the property.
 */
class GenericPropertiesTests extends PlatformPropertiesTestBase {

	GenericPropertiesTests() {
		super(ChatPlatformTestBeans.class, Base.class, GenericConfiguration.class);
	}

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

	static Stream<Named<StartUpFailure>> startUpFailures() {
		return Stream.of(
				named("secret without callback URL",
						StartUpFailure.of("gateway.chat.generic.callback-url must be set",
								"gateway.chat.generic.secret=0123456789abcdef0123")),
				named("callback URL without secret",
						StartUpFailure.of("gateway.chat.generic.secret must be set",
								"gateway.chat.generic.callback-url=https://bot.example.com/st2")),
				named("short secret, not shown",
						StartUpFailure
							.of("gateway.chat.generic.secret must be at least 16 characters",
									"gateway.chat.generic.secret=tooShort",
									"gateway.chat.generic.callback-url=https://bot.example.com/st2")
							.hiding("tooShort")));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(GenericProperties.class)
	static class Base {

	}

}
