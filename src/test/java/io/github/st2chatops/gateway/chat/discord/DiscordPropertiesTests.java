package io.github.st2chatops.gateway.chat.discord;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class DiscordPropertiesTests {

	private static final String KEY = "gateway.chat.discord.public-key=" + "a1".repeat(32);

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);

	@Test
	void bindWhenNothingIsSetShouldLeaveDiscordOffWithItsDefaults() {
		this.runner.run((context) -> {
			DiscordProperties properties = context.getBean(DiscordProperties.class);
			assertThat(properties.publicKey()).isNull();
			assertThat(properties.apiBase()).isEqualTo("https://discord.com/api/v10");
			assertThat(properties.messageLimit()).isEqualTo(2000);
			assertThat(properties.commandName()).isEqualTo("st2");
			assertThat(properties.userField()).isEqualTo(DiscordProperties.UserField.ID);
		});
	}

	@Test
	void bindWhenPublicKeyIsSetWithoutApplicationIdShouldFailNamingTheProperty() {
		this.runner.withPropertyValues(KEY, "gateway.chat.discord.bot-token=b0t")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("gateway.chat.discord.application-id must be set")
				.message()
				.doesNotContain("b0t"));
	}

	@Test
	void bindWhenPublicKeyIsSetWithoutBotTokenShouldFailNamingTheProperty() {
		this.runner.withPropertyValues(KEY, "gateway.chat.discord.application-id=1100000000000000000")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("gateway.chat.discord.bot-token must be set"));
	}

	@Test
	void bindWhenBotTokenIsSetWithoutPublicKeyShouldFailNamingTheProperty() {
		this.runner.withPropertyValues("gateway.chat.discord.bot-token=b0t")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("gateway.chat.discord.public-key must be set")
				.message()
				.doesNotContain("b0t"));
	}

	@Test
	void bindWhenPublicKeyIsNotHexOfThirtyTwoBytesShouldFail() {
		for (String key : new String[] { "a1".repeat(31), "zz".repeat(32), "a1".repeat(33) }) {
			this.runner
				.withPropertyValues("gateway.chat.discord.public-key=" + key,
						"gateway.chat.discord.application-id=1100000000000000000", "gateway.chat.discord.bot-token=b")
				.run((context) -> assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("gateway.chat.discord.public-key must be the application's public key"));
		}
	}

	@Test
	void bindWhenMessageLimitIsAboveDiscordsShouldFail() {
		this.runner
			.withPropertyValues(KEY, "gateway.chat.discord.application-id=1", "gateway.chat.discord.bot-token=b",
					"gateway.chat.discord.message-limit=2001")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("gateway.chat.discord.message-limit must be between 100 and 2000"));
	}

	@Test
	void bindWhenCommandNameIsNotADiscordNameShouldFail() {
		this.runner
			.withPropertyValues(KEY, "gateway.chat.discord.application-id=1", "gateway.chat.discord.bot-token=b",
					"gateway.chat.discord.command-name=St2 Run")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("gateway.chat.discord.command-name must be a Discord command name"));
	}

	@Test
	void toStringShouldNotShowTheBotToken() {
		this.runner
			.withPropertyValues(KEY, "gateway.chat.discord.application-id=1100000000000000000",
					"gateway.chat.discord.bot-token=MTEw.secret-b0t")
			.run((context) -> assertThat(context.getBean(DiscordProperties.class).toString())
				.doesNotContain("secret-b0t")
				.contains("botToken=******"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(DiscordProperties.class)
	static class Config {

	}

}
