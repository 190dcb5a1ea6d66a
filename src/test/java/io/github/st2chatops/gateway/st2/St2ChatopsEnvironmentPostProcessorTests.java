package io.github.st2chatops.gateway.st2;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static io.github.st2chatops.gateway.st2.St2SettingsOnly.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * st2chatops.env's names as alternatives of the gateway.st2 settings
 * ({@link St2ChatopsEnvironmentPostProcessor}).
 */
@ExtendWith(OutputCaptureExtension.class)
class St2ChatopsEnvironmentPostProcessorTests {

	@Test
	void bindWhenStackstormHaUrlsConfigMapShouldAppendVersion() {
		// stackstorm-ha's <release>-st2-urls ConfigMap, as it is
		Map<String, Object> env = Map.of("ST2_AUTH_URL", "http://st2-st2auth:9100/", "ST2_API_URL",
				"http://st2-st2api:9101/", "ST2_STREAM_URL", "http://st2-st2stream:9102/", "ST2_API_KEY", SECRET);
		run(env, (properties) -> {
			assertThat(properties.apiUrl()).isEqualTo(URI.create("http://st2-st2api:9101/v1"));
			assertThat(properties.authUrl()).isEqualTo(URI.create("http://st2-st2auth:9100/v1"));
			assertThat(properties.streamUrl()).isEqualTo(URI.create("http://st2-st2stream:9102/v1"));
			assertThat(properties.apiKey()).isEqualTo(SECRET);
			assertThat(properties.authMode()).isEqualTo(St2AuthMode.API_KEY);
		});
	}

	@ParameterizedTest
	@CsvSource({ "https://st2.example.com/api, https://st2.example.com/api/v1",
			"https://st2.example.com/api/, https://st2.example.com/api/v1",
			"https://st2.example.com/api/v1, https://st2.example.com/api/v1",
			"https://st2.example.com/api/v1/, https://st2.example.com/api/v1" })
	void bindWhenApiUrlWithOrWithoutVersionShouldUseVersionedUrl(String st2chatops, String expected) {
		Map<String, Object> env = Map.of("ST2_API_URL", st2chatops, "ST2_AUTH_URL", "https://st2.example.com/auth",
				"ST2_STREAM_URL", "https://st2.example.com/stream", "ST2_AUTH_TOKEN", SECRET);
		run(env, (properties) -> {
			assertThat(properties.apiUrl()).isEqualTo(URI.create(expected));
			assertThat(properties.authUrl()).isEqualTo(URI.create("https://st2.example.com/auth/v1"));
			assertThat(properties.streamUrl()).isEqualTo(URI.create("https://st2.example.com/stream/v1"));
			assertThat(properties.authToken()).isEqualTo(SECRET);
			assertThat(properties.authMode()).isEqualTo(St2AuthMode.AUTH_TOKEN);
		});
	}

	@Test
	void bindWhenUsernamePasswordWebUiAndRouteShouldMapEach() {
		Map<String, Object> env = Map.of("ST2_AUTH_USERNAME", "st2admin", "ST2_AUTH_PASSWORD", SECRET, "ST2_WEBUI_URL",
				"https://st2.example.com/", "ST2_ROUTE", "chatops");
		run(env, "gateway.st2.url=https://st2.example.com", (properties) -> {
			assertThat(properties.username()).isEqualTo("st2admin");
			assertThat(properties.password()).isEqualTo(SECRET);
			assertThat(properties.authMode()).isEqualTo(St2AuthMode.PASSWORD);
			assertThat(properties.webUrl()).isEqualTo(URI.create("https://st2.example.com"));
			assertThat(properties.route()).isEqualTo("chatops");
			assertThat(properties.apiUrl()).isEqualTo(URI.create("https://st2.example.com/api/v1"));
		});
	}

	@Test
	void bindWhenApiKeyBesideStackstormHaAuthSecretShouldUseTheApiKey() {
		Map<String, Object> env = Map.of("ST2_API_KEY", SECRET, "ST2_AUTH_USERNAME", "st2admin", "ST2_AUTH_PASSWORD",
				"other");
		run(env, "gateway.st2.url=https://st2.example.com", (properties) -> {
			assertThat(properties.authMode()).isEqualTo(St2AuthMode.API_KEY);
			assertThat(properties.username()).isNull();
		});
	}

	@Test
	void bindWhenGatewayCredentialOfAnotherKindShouldIgnoreSt2chatopsCredentials() {
		Map<String, Object> env = Map.of("ST2_AUTH_USERNAME", "st2admin", "ST2_AUTH_PASSWORD", "other");
		run(env, new String[] { "gateway.st2.url=https://st2.example.com", "gateway.st2.api-key=" + SECRET },
				(properties) -> {
					assertThat(properties.authMode()).isEqualTo(St2AuthMode.API_KEY);
					assertThat(properties.password()).isNull();
				});
	}

	@Test
	void bindWhenGatewayUsernameAndSt2chatopsPasswordShouldCombineThem() {
		Map<String, Object> env = Map.of("ST2_AUTH_PASSWORD", SECRET);
		run(env, new String[] { "gateway.st2.url=https://st2.example.com", "gateway.st2.username=chatops_bot" },
				(properties) -> {
					assertThat(properties.username()).isEqualTo("chatops_bot");
					assertThat(properties.password()).isEqualTo(SECRET);
				});
	}

	@Test
	void bindWhenBothSetToTheSameValueShouldAccept() {
		Map<String, Object> env = Map.of("ST2_API_URL", "http://st2-st2api:9101/", "ST2_ROUTE", "chatops",
				"ST2_API_KEY", SECRET);
		run(env, new String[] { "gateway.st2.api-url=http://st2-st2api:9101/v1", "gateway.st2.route=chatops",
				"gateway.st2.api-key=" + SECRET, "gateway.st2.auth-url=http://st2-st2auth:9100",
				"gateway.st2.stream-url=http://st2-st2stream:9102/v1" }, (properties) -> {
					assertThat(properties.apiUrl()).isEqualTo(URI.create("http://st2-st2api:9101/v1"));
					assertThat(properties.route()).isEqualTo("chatops");
				});
	}

	@Test
	void translateWhenNoSt2chatopsNameShouldAddNothing() {
		StandardEnvironment environment = environment(Map.of(), "gateway.st2.url", "https://st2.example.com");
		new St2ChatopsEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources().contains(St2ChatopsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
	}

	@Test
	void translateWhenApiUrlDisagreesShouldFailNamingBoth() {
		StandardEnvironment environment = environment(Map.of("ST2_API_URL", "https://st2.example.com/api"),
				"gateway.st2.api-url", "https://other.example.com/api/v1");
		assertThatExceptionOfType(St2ChatopsSettingConflictException.class)
			.isThrownBy(() -> St2ChatopsEnvironmentPostProcessor.translate(environment))
			.withMessageContaining("ST2_API_URL and gateway.st2.api-url are both set")
			.withMessageContaining("https://st2.example.com/api/v1")
			.withMessageContaining("https://other.example.com/api/v1");
	}

	@Test
	void translateWhenUrlsDisagreeWithGatewayUrlShouldFailNamingBoth() {
		StandardEnvironment environment = environment(
				Map.of("ST2_AUTH_URL", "http://st2-st2auth:9100/", "ST2_STREAM_URL", "http://st2-st2stream:9102/"),
				"gateway.st2.url", "http://st2-st2web");
		assertThatExceptionOfType(St2ChatopsSettingConflictException.class)
			.isThrownBy(() -> St2ChatopsEnvironmentPostProcessor.translate(environment))
			.satisfies((ex) -> assertThat(ex.conflicts()).hasSize(2))
			.withMessageContaining("ST2_AUTH_URL and gateway.st2.url are both set")
			.withMessageContaining("ST2_STREAM_URL and gateway.st2.url are both set")
			.withMessageContaining("http://st2-st2web/auth/v1");
	}

	@Test
	void translateWhenUrlHoldsCredentialsShouldNotShowThem() {
		StandardEnvironment environment = environment(
				Map.of("ST2_WEBUI_URL", "https://bot:" + SECRET + "@st2.example.com"), "gateway.st2.web-url",
				"https://st2.example.com");
		assertThatExceptionOfType(St2ChatopsSettingConflictException.class)
			.isThrownBy(() -> St2ChatopsEnvironmentPostProcessor.translate(environment))
			.withMessageContaining("ST2_WEBUI_URL and gateway.st2.web-url")
			.withMessageNotContaining(SECRET);
	}

	@Test
	void translateWhenRouteDisagreesShouldFailNamingBoth() {
		StandardEnvironment environment = environment(Map.of("ST2_ROUTE", "hubot"), "gateway.st2.route",
				"chatops-gateway");
		assertThatExceptionOfType(St2ChatopsSettingConflictException.class)
			.isThrownBy(() -> St2ChatopsEnvironmentPostProcessor.translate(environment))
			.withMessageContaining("ST2_ROUTE and gateway.st2.route are both set, to hubot and chatops-gateway");
	}

	@ParameterizedTest
	@CsvSource({ "ST2_API_KEY, api-key", "ST2_AUTH_TOKEN, auth-token", "ST2_AUTH_USERNAME, username",
			"ST2_AUTH_PASSWORD, password" })
	void translateWhenCredentialDisagreesShouldFailNamingBothWithoutValues(String variable, String property) {
		StandardEnvironment environment = environment(Map.of(variable, SECRET + "-1"), "gateway.st2." + property,
				SECRET + "-2");
		assertThatExceptionOfType(St2ChatopsSettingConflictException.class)
			.isThrownBy(() -> St2ChatopsEnvironmentPostProcessor.translate(environment))
			.withMessageContaining(variable + " and gateway.st2." + property + " are both set, to different values")
			.withMessageNotContaining(SECRET);
	}

	@Test
	void translateWhenGatewaySettingInRelaxedFormShouldSeeIt() {
		StandardEnvironment environment = environment(Map.of("ST2_API_URL", "https://st2.example.com/api",
				"GATEWAY_ST2_API_URL", "https://st2.example.com/api/v1"));
		assertThat(St2ChatopsEnvironmentPostProcessor.translate(environment)).isEmpty();
	}

	@Test
	void applicationWhenConflictShouldReportBothNamesReadably(CapturedOutput output) {
		St2SettingsOnly.assertStartFails(environment(Map.of("ST2_API_KEY", SECRET + "-1")),
				"--gateway.st2.url=https://st2.example.com", "--gateway.st2.api-key=" + SECRET + "-2");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("ST2_API_KEY and gateway.st2.api-key are both set, to different values")
			.doesNotContain(SECRET);
	}

	private void run(Map<String, Object> env, java.util.function.Consumer<St2Properties> assertions) {
		run(env, new String[0], assertions);
	}

	private void run(Map<String, Object> env, String property, java.util.function.Consumer<St2Properties> assertions) {
		run(env, new String[] { property }, assertions);
	}

	private void run(Map<String, Object> env, String[] properties,
			java.util.function.Consumer<St2Properties> assertions) {
		St2SettingsOnly.runner().withPropertyValues(properties).withInitializer((context) -> {
			context.getEnvironment()
				.getPropertySources()
				.addLast(new SystemEnvironmentPropertySource(
						StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME + "-test", env));
			new St2ChatopsEnvironmentPostProcessor().postProcessEnvironment(context.getEnvironment(),
					new SpringApplication());
		}).run((context) -> {
			assertThat(context).hasNotFailed();
			assertions.accept(context.getBean(St2Properties.class));
		});
	}

	/**
	 * An environment whose system environment holds {@code env}, and whose other settings
	 * are {@code settings} (name, value, name, value ...).
	 */
	private static StandardEnvironment environment(Map<String, Object> env, String... settings) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < settings.length; i += 2) {
			map.put(settings[i], settings[i + 1]);
		}
		environment.getPropertySources().addFirst(new MapPropertySource("settings", map));
		environment.getPropertySources()
			.addLast(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					env));
		return environment;
	}

}
