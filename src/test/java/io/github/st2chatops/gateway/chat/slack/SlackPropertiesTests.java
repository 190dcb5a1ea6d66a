package io.github.st2chatops.gateway.chat.slack;

import java.util.stream.Stream;

import java.util.Map;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;

import io.github.st2chatops.gateway.chat.PlatformPropertiesTestBase;
import io.github.st2chatops.gateway.chat.StartUpFailure;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import io.github.st2chatops.gateway.chat.ConditionalOnChatPlatform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

class SlackPropertiesTests extends PlatformPropertiesTestBase {

	SlackPropertiesTests() {
		super(Config.class);
	}

	@Test
	void bindWhenNothingIsSetShouldLeaveSlackOff() {
		this.runner.withUserConfiguration(WhenOn.class, WhenSocketModeOn.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean("slackIsOn").doesNotHaveBean(WhenSocketModeOn.class);
			SlackProperties properties = context.getBean(SlackProperties.class);
			assertThat(properties.apiUrl()).hasToString("https://slack.com/api");
			assertThat(properties.userField()).isEqualTo(SlackProperties.UserField.ID);
			assertThat(properties.messageLimit()).isEqualTo(4000);
		});
	}

	static Stream<Named<StartUpFailure>> startUpFailures() {
		return Stream.of(
				named("signing secret without bot token, secret not shown",
						StartUpFailure
							.of("gateway.chat.slack.bot-token must be set",
									"gateway.chat.slack.signing-secret=s3cr3t-value")
							.hiding("s3cr3t-value")),
				named("bot token without signing secret or app token",
						StartUpFailure.of(
								"gateway.chat.slack.app-token (Socket Mode) or gateway.chat.slack.signing-secret",
								"gateway.chat.slack.bot-token=xoxb-1")),
				named("app token that is not an app token, not shown",
						StartUpFailure
							.of("gateway.chat.slack.app-token must be an app-level token",
									"gateway.chat.slack.app-token=xoxb-wr0ng", "gateway.chat.slack.bot-token=xoxb-1")
							.hiding("wr0ng")),
				named("too many connections",
						StartUpFailure.of("gateway.chat.slack.socket-mode.connections must be between 1 and 10",
								"gateway.chat.slack.app-token=xapp-1", "gateway.chat.slack.bot-token=xoxb-1",
								"gateway.chat.slack.socket-mode.connections=11")),
				named("API URL that is not a URL",
						StartUpFailure.of("gateway.chat.slack.api-url", "gateway.chat.slack.api-url=slack.com/api")));
	}

	@Test
	void bindWhenOnlyAppTokenAndBotTokenAreSetShouldTurnSocketModeOn() {
		this.runner.withUserConfiguration(WhenSocketModeOn.class)
			.withPropertyValues("gateway.chat.slack.app-token=xapp-1-a99pp", "gateway.chat.slack.bot-token=xoxb-1")
			.run((context) -> {
				assertThat(context).hasSingleBean(WhenSocketModeOn.class);
				SlackProperties properties = context.getBean(SlackProperties.class);
				assertThat(properties.socketMode().connections()).isEqualTo(2);
				assertThat(properties.toString()).doesNotContain("a99pp").contains("appToken=******");
			});
	}

	@Test
	void bindWhenSocketModeIsSwitchedOffShouldKeepItOff() {
		this.runner.withUserConfiguration(WhenSocketModeOn.class)
			.withPropertyValues("gateway.chat.slack.app-token=xapp-1", "gateway.chat.slack.bot-token=xoxb-1",
					"gateway.chat.slack.socket-mode.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WhenSocketModeOn.class));
	}

	@Test
	void bindWhenUserFieldIsUnknownShouldFail() {
		this.runner.withPropertyValues("gateway.chat.slack.user-field=display_name")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void toStringShouldNotShowSecrets() {
		this.runner
			.withPropertyValues("gateway.chat.slack.signing-secret=s3cr3t-value",
					"gateway.chat.slack.bot-token=xoxb-t0k3n")
			.run((context) -> assertThat(context.getBean(SlackProperties.class).toString()).doesNotContain("s3cr3t")
				.doesNotContain("t0k3n")
				.contains("signingSecret=******"));
	}

	@Test
	void bindWhenSetByEnvironmentVariablesShouldTurnSlackOn() {
		this.runner.withUserConfiguration(WhenOn.class)
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								Map.of("GATEWAY_CHAT_SLACK_SIGNINGSECRET", "s", "GATEWAY_CHAT_SLACK_BOTTOKEN", "xoxb-1",
										"GATEWAY_CHAT_SLACK_USERFIELD", "name"))))
			.run((context) -> {
				assertThat(context).hasBean("slackIsOn");
				assertThat(context.getBean(SlackProperties.class).botToken()).isEqualTo("xoxb-1");
				assertThat(context.getBean(SlackProperties.class).userField())
					.isEqualTo(SlackProperties.UserField.NAME);
			});
	}

	@Test
	void conditionWhenSigningSecretIsBlankShouldLeaveSlackOff() {
		this.runner.withUserConfiguration(WhenOn.class)
			.withPropertyValues("gateway.chat.slack.signing-secret= ")
			.run((context) -> assertThat(context).doesNotHaveBean("slackIsOn"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SlackProperties.class)
	static class Config {

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnChatPlatform(SlackProperties.ENABLED_BY)
	static class WhenOn {

		@Bean
		String slackIsOn() {
			return "on";
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(SlackConfiguration.SocketModeCondition.class)
	static class WhenSocketModeOn {

	}

}
