package io.github.st2chatops.gateway.chat.discord;

import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;

import io.github.st2chatops.gateway.chat.PlatformPropertiesTestBase;
import io.github.st2chatops.gateway.chat.StartUpFailure;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

class DiscordPropertiesTests extends PlatformPropertiesTestBase {

	private static final String KEY = "gateway.chat.discord.public-key=" + "a1".repeat(32);

	DiscordPropertiesTests() {
		super(Config.class);
	}

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

	static Stream<Named<StartUpFailure>> startUpFailures() {
		return Stream.of(
				named("public key without application id, bot token not shown",
						StartUpFailure
							.of("gateway.chat.discord.application-id must be set", KEY,
									"gateway.chat.discord.bot-token=b0t")
							.hiding("b0t")),
				named("public key without bot token",
						StartUpFailure.of("gateway.chat.discord.bot-token must be set", KEY,
								"gateway.chat.discord.application-id=1100000000000000000")),
				named("bot token without public key, not shown",
						StartUpFailure
							.of("gateway.chat.discord.public-key must be set", "gateway.chat.discord.bot-token=b0t")
							.hiding("b0t")),
				named("public key of 31 bytes",
						StartUpFailure.of("gateway.chat.discord.public-key must be the application's public key",
								"gateway.chat.discord.public-key=" + "a1".repeat(31),
								"gateway.chat.discord.application-id=1100000000000000000",
								"gateway.chat.discord.bot-token=b")),
				named("public key that is not hex",
						StartUpFailure.of("gateway.chat.discord.public-key must be the application's public key",
								"gateway.chat.discord.public-key=" + "zz".repeat(32),
								"gateway.chat.discord.application-id=1100000000000000000",
								"gateway.chat.discord.bot-token=b")),
				named("public key of 33 bytes",
						StartUpFailure.of("gateway.chat.discord.public-key must be the application's public key",
								"gateway.chat.discord.public-key=" + "a1".repeat(33),
								"gateway.chat.discord.application-id=1100000000000000000",
								"gateway.chat.discord.bot-token=b")),
				named("message limit above Discord's",
						StartUpFailure.of("gateway.chat.discord.message-limit must be between 100 and 2000", KEY,
								"gateway.chat.discord.application-id=1", "gateway.chat.discord.bot-token=b",
								"gateway.chat.discord.message-limit=2001")),
				named("command name that is not a Discord name",
						StartUpFailure.of("gateway.chat.discord.command-name must be a Discord command name", KEY,
								"gateway.chat.discord.application-id=1", "gateway.chat.discord.bot-token=b",
								"gateway.chat.discord.command-name=St2 Run")));
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
