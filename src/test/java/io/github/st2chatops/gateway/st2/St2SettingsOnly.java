package io.github.st2chatops.gateway.st2;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The gateway.st2 settings bound on their own, as the application binds them: in a
 * context runner, or in a whole (non-web) application whose start-up report a test reads.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(St2Properties.class)
class St2SettingsOnly {

	/** A secret that no report may show. */
	static final String SECRET = "s3cr3t-VALUE-4711";

	/**
	 * A context runner that binds only the gateway.st2 settings.
	 * @return the runner
	 */
	static ApplicationContextRunner runner() {
		return new ApplicationContextRunner().withUserConfiguration(St2SettingsOnly.class);
	}

	/**
	 * Starts an application that binds only the gateway.st2 settings, and checks that it
	 * fails to start.
	 * @param environment its environment, or {@code null} for the default one
	 * @param args its command-line arguments
	 */
	static void assertStartFails(ConfigurableEnvironment environment, String... args) {
		SpringApplication application = new SpringApplication(St2SettingsOnly.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		if (environment != null) {
			application.setEnvironment(environment);
		}
		assertThatException().isThrownBy(() -> application.run(args));
	}

}
