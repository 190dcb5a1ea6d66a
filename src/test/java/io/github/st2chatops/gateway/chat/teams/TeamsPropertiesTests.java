package io.github.st2chatops.gateway.chat.teams;

import java.util.stream.Stream;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;

import io.github.st2chatops.gateway.chat.ChatPlatformTestBeans;

import io.github.st2chatops.gateway.chat.PlatformPropertiesTestBase;
import io.github.st2chatops.gateway.chat.StartUpFailure;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertiesPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

/**
 * Teams settings: off until the security token is set, a half or wrong setting stops
 * start-up with a message that names the property.
 */
class TeamsPropertiesTests extends PlatformPropertiesTestBase {

	static final String CHANNEL = "19:253b1f341670408fb6fcb4541c6cd3cc@thread.tacv2";

	TeamsPropertiesTests() {
		super(ChatPlatformTestBeans.class, Base.class, TeamsConfiguration.class);
	}

	@Test
	void withoutSecurityTokenTeamsShouldBeOff() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(TeamsSender.class);
			assertThat(context.getBean(TeamsProperties.class).userField()).isEqualTo(TeamsUserField.AAD_OBJECT_ID);
			assertThat(context.getBean(TeamsProperties.class).replyDeadline()).isEqualTo(Duration.ofSeconds(4));
			assertThat(context.getBean(TeamsProperties.class).maxMessageLength()).isEqualTo(12000);
		});
	}

	@Test
	void emptySecurityTokenShouldCountAsNotSet() {
		this.runner.withPropertyValues("gateway.chat.teams.security-token=")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TeamsSender.class));
	}

	@Test
	void securityTokenAloneShouldTurnTeamsOn() {
		this.runner.withPropertyValues("gateway.chat.teams.security-token=dGVhbXMtdGVzdC1zZWN1cml0eS1rZXk=")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(TeamsSender.class));
	}

	static Stream<Named<StartUpFailure>> startUpFailures() {
		return Stream.of(
				named("security token that is not base64, not shown",
						StartUpFailure
							.of("gateway.chat.teams.security-token is not valid base64",
									"gateway.chat.teams.security-token=not base64!")
							.hiding("not base64!")),
				named("workflow URL without security token", StartUpFailure.of(
						"gateway.chat.teams.security-token must be set",
						"gateway.chat.teams.default-workflow-url=https://prod-00.westus.logic.azure.com/workflows/x")),
				named("reply deadline of five seconds",
						StartUpFailure.of("gateway.chat.teams.reply-deadline must be less than 5s",
								"gateway.chat.teams.security-token=dGVhbXMtdGVzdC1zZWN1cml0eS1rZXk=",
								"gateway.chat.teams.reply-deadline=5s")));
	}

	@Test
	void workflowUrlsShouldBeKeyedByTheChannelIdInBrackets() {
		// as YAML ("[19:...]": url) or a properties file (workflow-urls[19\:...]=url)
		// give it
		this.runner.withInitializer(workflowUrl("[" + CHANNEL + "]", "https://example.com/a?sig=secret-a"))
			.withPropertyValues("gateway.chat.teams.security-token=dGVhbXMtdGVzdC1zZWN1cml0eS1rZXk=",
					"gateway.chat.teams.default-workflow-url=https://example.com/b?sig=secret-b")
			.run((context) -> {
				TeamsProperties properties = context.getBean(TeamsProperties.class);
				assertThat(properties.workflowUrlFor(CHANNEL))
					.contains(URI.create("https://example.com/a?sig=secret-a"));
				assertThat(properties.workflowUrlFor("19:other@thread.tacv2"))
					.contains(URI.create("https://example.com/b?sig=secret-b"));
				assertThat(properties.toString()).contains(CHANNEL)
					.doesNotContain("secret-a")
					.doesNotContain("secret-b")
					.doesNotContain("dGVhbXMtdGVzdC1zZWN1cml0eS1rZXk=");
			});
	}

	@Test
	void workflowUrlsFromAPropertiesFileShouldKeepTheChannelId() throws IOException {
		Properties file = new Properties();
		file.load(new StringReader("gateway.chat.teams.workflow-urls[" + CHANNEL.replace(":", "\\:")
				+ "]=https://example.com/a?sig=secret-a\n"));
		this.runner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new PropertiesPropertySource("file", file)))
			.withPropertyValues("gateway.chat.teams.security-token=dGVhbXMtdGVzdC1zZWN1cml0eS1rZXk=")
			.run((context) -> assertThat(context.getBean(TeamsProperties.class).workflowUrlFor(CHANNEL))
				.contains(URI.create("https://example.com/a?sig=secret-a")));
	}

	@Test
	void workflowUrlThatIsNotAUrlShouldStopStartUp() {
		this.runner.withInitializer(workflowUrl("[" + CHANNEL + "]", "/relative"))
			.withPropertyValues("gateway.chat.teams.security-token=dGVhbXMtdGVzdC1zZWN1cml0eS1rZXk=")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("gateway.chat.teams.workflow-urls[" + CHANNEL + "] must be an absolute"));
	}

	@Test
	void userFieldShouldBindIdAndRefuseDisplayName() {
		this.runner.withPropertyValues("gateway.chat.teams.user-field=id")
			.run((context) -> assertThat(context.getBean(TeamsProperties.class).userField())
				.isEqualTo(TeamsUserField.ID));
		this.runner.withPropertyValues("gateway.chat.teams.user-field=name")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Failed to bind properties under 'gateway.chat.teams.user-field'"));
	}

	private static ApplicationContextInitializer<ConfigurableApplicationContext> workflowUrl(String key, String url) {
		return (context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("workflows", Map.of("gateway.chat.teams.workflow-urls" + key, url)));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(TeamsProperties.class)
	static class Base {

	}

}
