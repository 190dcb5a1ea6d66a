package io.github.st2chatops.gateway.chat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * What the settings tests of the chat platforms share: a context runner with the
 * platform's configuration, and one test of the settings that must stop start-up, which
 * the test class lists as {@link StartUpFailure}s in a static {@code startUpFailures()}.
 */
public abstract class PlatformPropertiesTestBase {

	protected final ApplicationContextRunner runner;

	/**
	 * A runner with the given configuration.
	 * @param configurations what the platform's settings tests start
	 */
	protected PlatformPropertiesTestBase(Class<?>... configurations) {
		this.runner = new ApplicationContextRunner().withUserConfiguration(configurations);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("startUpFailures")
	protected void settingMissingOrWrongShouldStopStartUpNamingIt(StartUpFailure failure) {
		failure.assertStopsStartUp(this.runner);
	}

}
