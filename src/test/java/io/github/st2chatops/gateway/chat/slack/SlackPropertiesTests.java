package io.github.st2chatops.gateway.chat.slack;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class SlackPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);

	@Test
	void bindWhenNothingIsSetShouldLeaveSlackOff() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			SlackProperties properties = context.getBean(SlackProperties.class);
			assertThat(properties.enabled()).isFalse();
			assertThat(properties.apiUrl()).hasToString("https://slack.com/api");
			assertThat(properties.userField()).isEqualTo(SlackProperties.UserField.ID);
			assertThat(properties.messageLimit()).isEqualTo(4000);
		});
	}

	@Test
	void bindWhenSigningSecretIsSetWithoutBotTokenShouldFailNamingTheProperty() {
		this.runner.withPropertyValues("gateway.chat.slack.signing-secret=s3cr3t-value").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("gateway.chat.slack.bot-token must be set")
				.message()
				.doesNotContain("s3cr3t-value");
		});
	}

	@Test
	void bindWhenBotTokenIsSetWithoutSigningSecretShouldFailNamingTheProperty() {
		this.runner.withPropertyValues("gateway.chat.slack.bot-token=xoxb-1").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("gateway.chat.slack.signing-secret must be set");
		});
	}

	@Test
	void bindWhenApiUrlIsNotAUrlShouldFail() {
		this.runner.withPropertyValues("gateway.chat.slack.api-url=slack.com/api").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("gateway.chat.slack.api-url");
		});
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

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SlackProperties.class)
	static class Config {

	}

}
