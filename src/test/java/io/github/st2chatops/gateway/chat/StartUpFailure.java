package io.github.st2chatops.gateway.chat;

import java.util.List;

import org.assertj.core.api.AbstractThrowableAssert;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A platform setting that must stop start-up: the settings given, the message that names
 * what is wrong, and the values (secrets) the message must not show. The rows of a
 * platform's properties test, checked the same way for every platform.
 *
 * @param settings the settings, as {@code name=value}
 * @param message what the root cause's message must contain
 * @param hidden what it must not contain
 */
public record StartUpFailure(List<String> settings, String message, List<String> hidden) {

	/**
	 * Settings that must stop start-up with a message containing the given text.
	 * @param message what the message must contain (it names the property)
	 * @param settings the settings, as {@code name=value}
	 * @return the failure, showing no value yet
	 */
	public static StartUpFailure of(String message, String... settings) {
		return new StartUpFailure(List.of(settings), message, List.of());
	}

	/**
	 * The same failure, whose message must not show the given values either.
	 * @param values the values (secrets) the message must not contain
	 * @return the failure
	 */
	public StartUpFailure hiding(String... values) {
		return new StartUpFailure(this.settings, this.message, List.of(values));
	}

	/**
	 * Starts the runner's context with the settings and checks that it failed as told.
	 * @param runner the platform's context runner
	 */
	public void assertStopsStartUp(ApplicationContextRunner runner) {
		runner.withPropertyValues(this.settings.toArray(String[]::new)).run((context) -> {
			AbstractThrowableAssert<?, ? extends Throwable> cause = assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining(this.message);
			this.hidden.forEach(cause::hasMessageNotContaining);
		});
	}

}
