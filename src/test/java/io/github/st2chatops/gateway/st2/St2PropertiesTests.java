package io.github.st2chatops.gateway.st2;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static io.github.st2chatops.gateway.st2.St2SettingsOnly.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Binding and start-up validation of {@link St2Properties}.
 */
@ExtendWith(OutputCaptureExtension.class)
class St2PropertiesTests {

	@Test
	void bindWhenOnlyUrlAndApiKeyShouldDeriveUrlsAndUseDefaults() {
		St2SettingsOnly.runner()
			.withPropertyValues("gateway.st2.url=https://st2.example.com/", "gateway.st2.api-key=" + SECRET)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				St2Properties properties = context.getBean(St2Properties.class);
				assertThat(properties.url()).isEqualTo(URI.create("https://st2.example.com"));
				assertThat(properties.apiUrl()).isEqualTo(URI.create("https://st2.example.com/api/v1"));
				assertThat(properties.authUrl()).isEqualTo(URI.create("https://st2.example.com/auth/v1"));
				assertThat(properties.streamUrl()).isEqualTo(URI.create("https://st2.example.com/stream/v1"));
				assertThat(properties.route()).isEqualTo("chatops-gateway");
				assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
				assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(30));
				assertThat(properties.verifyTls()).isTrue();
				assertThat(properties.caBundle()).isNull();
				assertThat(properties.tokenRenewalMargin()).isNull();
				assertThat(properties.ttl()).isNull();
				assertThat(properties.pageSize()).isEqualTo(100);
				assertThat(properties.retry().maxRetries()).isEqualTo(2);
				assertThat(properties.authMode()).isEqualTo(St2AuthMode.API_KEY);
			});
	}

	@Test
	void bindWhenUrlsOverriddenShouldUseThem() {
		St2SettingsOnly.runner()
			.withPropertyValues("gateway.st2.url=https://st2.example.com", "gateway.st2.auth-token=" + SECRET,
					"gateway.st2.api-url=http://st2api:9101/v1", "gateway.st2.auth-url=http://st2auth:9100",
					"gateway.st2.stream-url=http://st2stream:9102/v1", "gateway.st2.ttl=3600",
					"gateway.st2.token-renewal-margin=5m")
			.run((context) -> {
				St2Properties properties = context.getBean(St2Properties.class);
				assertThat(properties.apiUrl()).isEqualTo(URI.create("http://st2api:9101/v1"));
				assertThat(properties.authUrl()).isEqualTo(URI.create("http://st2auth:9100"));
				assertThat(properties.streamUrl()).isEqualTo(URI.create("http://st2stream:9102/v1"));
				assertThat(properties.ttl()).isEqualTo(Duration.ofHours(1));
				assertThat(properties.tokenRenewalMargin()).isEqualTo(Duration.ofMinutes(5));
				assertThat(properties.authMode()).isEqualTo(St2AuthMode.AUTH_TOKEN);
			});
	}

	@Test
	void bindWhenSetByEnvironmentVariablesShouldBind() {
		Map<String, Object> env = new HashMap<>();
		env.put("GATEWAY_ST2_URL", "https://st2.example.com");
		env.put("GATEWAY_ST2_USERNAME", "chatops_bot");
		env.put("GATEWAY_ST2_PASSWORD", SECRET);
		env.put("GATEWAY_ST2_ROUTE", "chat");
		env.put("GATEWAY_ST2_WEB_URL", "https://st2.example.com/");
		env.put("GATEWAY_ST2_READ_TIMEOUT", "10s");
		env.put("GATEWAY_ST2_VERIFY_TLS", "false");
		env.put("GATEWAY_ST2_TOKEN_RENEWAL_MARGIN", "2m");
		env.put("GATEWAY_ST2_TTL", "7200");
		env.put("GATEWAY_ST2_PAGE_SIZE", "50");
		env.put("GATEWAY_ST2_RETRY_MAX_RETRIES", "3");
		St2SettingsOnly.runner()
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource(
						StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env)))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				St2Properties properties = context.getBean(St2Properties.class);
				assertThat(properties.authMode()).isEqualTo(St2AuthMode.PASSWORD);
				assertThat(properties.username()).isEqualTo("chatops_bot");
				assertThat(properties.route()).isEqualTo("chat");
				assertThat(properties.webUrl()).isEqualTo(URI.create("https://st2.example.com"));
				assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(10));
				assertThat(properties.verifyTls()).isFalse();
				assertThat(properties.tokenRenewalMargin()).isEqualTo(Duration.ofMinutes(2));
				assertThat(properties.ttl()).isEqualTo(Duration.ofHours(2));
				assertThat(properties.pageSize()).isEqualTo(50);
				assertThat(properties.retry().maxRetries()).isEqualTo(3);
			});
	}

	@Test
	void toStringShouldRedactSecrets() {
		St2Properties properties = new St2Properties(URI.create("https://st2.example.com"), null, null, null, SECRET,
				SECRET + "1", "bot", SECRET + "2", null, null, Duration.ofSeconds(1), Duration.ofSeconds(1), true, null,
				null, null, 100, new St2Properties.Retry(2, Duration.ofMillis(1)));
		assertThat(properties.toString()).doesNotContain(SECRET).contains("apiKey=******").contains("username=bot");
	}

	@Test
	void startWhenNoCredentialsShouldFailNamingTheProperties() {
		assertStartupFailure(new String[] { "gateway.st2.url=https://st2.example.com" }, "No st2 credentials",
				"gateway.st2.api-key", "gateway.st2.auth-token", "gateway.st2.username", "gateway.st2.password");
	}

	@Test
	void startWhenApiKeyAndAuthTokenShouldFailNamingBoth() {
		assertStartupFailure(
				new String[] { "gateway.st2.url=https://st2.example.com", "gateway.st2.api-key=" + SECRET,
						"gateway.st2.auth-token=" + SECRET },
				"Conflicting st2 credentials", "gateway.st2.api-key and gateway.st2.auth-token");
	}

	@Test
	void startWhenApiKeyAndUsernamePasswordShouldFail() {
		assertStartupFailure(
				new String[] { "gateway.st2.url=https://st2.example.com", "gateway.st2.api-key=" + SECRET,
						"gateway.st2.username=bot", "gateway.st2.password=" + SECRET },
				"Conflicting st2 credentials", "gateway.st2.username/gateway.st2.password");
	}

	@Test
	void startWhenUsernameWithoutPasswordShouldFail() {
		assertStartupFailure(new String[] { "gateway.st2.url=https://st2.example.com", "gateway.st2.username=bot" },
				"gateway.st2.username is set without gateway.st2.password");
	}

	@Test
	void startWhenPasswordWithoutUsernameShouldFail() {
		assertStartupFailure(
				new String[] { "gateway.st2.url=https://st2.example.com", "gateway.st2.password=" + SECRET },
				"gateway.st2.password is set without gateway.st2.username");
	}

	@Test
	void startWhenNoUrlShouldFail() {
		assertStartupFailure(new String[] { "gateway.st2.api-key=" + SECRET }, "gateway.st2.url is required");
	}

	@Test
	void startWhenUrlIsNotHttpShouldFail() {
		assertStartupFailure(new String[] { "gateway.st2.url=st2.example.com", "gateway.st2.api-key=" + SECRET },
				"gateway.st2.url must be an absolute http or https URL");
	}

	@Test
	void applicationWhenUrlIsMalformedShouldReportItOnceNamingTheProperty(CapturedOutput output) {
		St2SettingsOnly.assertStartFails(null, "--gateway.st2.url=st2.example.com", "--gateway.st2.api-key=" + SECRET,
				"--gateway.st2.read-timeout=0s");
		String report = output.getAll();
		assertThat(report.split("must be an absolute http", -1)).hasSize(2);
		assertThat(report)
			.contains("gateway.st2.url must be an absolute http or https URL, e.g. https://st2.example.com; "
					+ "gateway.st2.read-timeout must be positive")
			.doesNotContain("gateway.st2.api-url", "gateway.st2.auth-url", "gateway.st2.stream-url");
	}

	@Test
	void startWhenUrlHoldsCredentialsShouldFailWithoutShowingThem() {
		assertStartupFailure(new String[] { "gateway.st2.url=https://bot:" + SECRET + "@st2.example.com",
				"gateway.st2.api-key=" + SECRET }, "gateway.st2.url must not hold credentials");
	}

	@Test
	void startWhenTimeoutNotPositiveShouldFail() {
		assertStartupFailure(new String[] { "gateway.st2.url=https://st2.example.com", "gateway.st2.api-key=" + SECRET,
				"gateway.st2.read-timeout=0s" }, "gateway.st2.read-timeout must be positive");
	}

	@Test
	void startWhenPageSizeZeroShouldFail() {
		assertStartupFailure(new String[] { "gateway.st2.url=https://st2.example.com", "gateway.st2.api-key=" + SECRET,
				"gateway.st2.page-size=0" }, "pageSize");
	}

	@Test
	void startWhenCaBundleMissingShouldFailNamingIt() {
		new ApplicationContextRunner().withUserConfiguration(St2ClientIntegrationTests.St2TestConfiguration.class)
			.withPropertyValues("gateway.st2.url=https://st2.example.com", "gateway.st2.api-key=" + SECRET,
					"gateway.st2.ca-bundle=/nonexistent/ca.pem")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("gateway.st2.ca-bundle: cannot read /nonexistent/ca.pem"));
	}

	@Test
	void applicationWhenMisconfiguredShouldReportReadablyWithoutSecrets(CapturedOutput output) {
		St2SettingsOnly.assertStartFails(null, "--gateway.st2.url=https://st2.example.com",
				"--gateway.st2.api-key=" + SECRET, "--gateway.st2.auth-token=" + SECRET + "2");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Conflicting st2 credentials")
			.doesNotContain(SECRET);
	}

	private void assertStartupFailure(String[] properties, String... messages) {
		St2SettingsOnly.runner().withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			StringBuilder all = new StringBuilder();
			for (Throwable current = failure; current != null; current = current.getCause()) {
				all.append(current.getMessage()).append('\n');
			}
			assertThat(all.toString()).contains(messages).doesNotContain(SECRET);
		});
	}

}
