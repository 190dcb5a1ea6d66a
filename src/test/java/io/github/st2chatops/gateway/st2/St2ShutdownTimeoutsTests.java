package io.github.st2chatops.gateway.st2;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link St2ShutdownTimeouts}: the shutdown phases must cover one st2 call.
 */
class St2ShutdownTimeoutsTests {

	@Test
	void defaultsShouldCoverOneSt2Call() throws Exception {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new org.springframework.boot.env.YamlPropertySourceLoader()
				.load("application", new org.springframework.core.io.ClassPathResource("application.yaml"))
				.get(0));

		assertThat(environment.getProperty(St2ShutdownTimeouts.SHUTDOWN_PHASE)).isEqualTo("40s");
		assertThat(St2ShutdownTimeouts.warnings(properties(Duration.ofSeconds(5), Duration.ofSeconds(30)), environment))
			.isEmpty();
	}

	@Test
	void shutdownPhaseShorterThanAnSt2CallShouldBeWarnedAbout() {
		MockEnvironment environment = new MockEnvironment().withProperty(St2ShutdownTimeouts.SHUTDOWN_PHASE, "20s")
			.withProperty(St2ShutdownTimeouts.AWAIT_TERMINATION, "40s");

		assertThat(St2ShutdownTimeouts.warnings(properties(Duration.ofSeconds(5), Duration.ofSeconds(30)), environment))
			.singleElement()
			.asString()
			.startsWith("spring.lifecycle.timeout-per-shutdown-phase (20s) is shorter than one st2 call")
			.contains("= 35s");
	}

	private static St2Properties properties(Duration connect, Duration read) {
		return new St2Properties(URI.create("https://st2.example.com"), null, null, null, "key", null, null, null, null,
				null, connect, read, true, null, null, null, 100, new St2Properties.Retry(2, Duration.ofMillis(1)));
	}

}
