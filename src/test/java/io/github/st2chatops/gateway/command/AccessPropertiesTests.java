package io.github.st2chatops.gateway.command;

import java.util.List;

import io.github.st2chatops.gateway.command.AccessProperties.Effect;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class AccessPropertiesTests {

	final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);

	@Test
	void defaultsShouldAllowEverythingEverywhere() {
		this.runner.run((context) -> {
			AccessProperties properties = context.getBean(AccessProperties.class);
			assertThat(properties.defaultEffect()).isEqualTo(Effect.ALLOW);
			assertThat(properties.directMessages()).isTrue();
			assertThat(properties.channels()).isEmpty();
			assertThat(properties.rules()).isEmpty();
		});
	}

	@Test
	void rulesShouldBindInOrder() {
		this.runner
			.withPropertyValues("gateway.access.default=deny", "gateway.access.direct-messages=false",
					"gateway.access.channels=slack:C0OPS,teams:*", "gateway.access.rules[0].users=slack:U1,api:ci",
					"gateway.access.rules[0].aliases=ops.*", "gateway.access.rules[0].effect=allow",
					"gateway.access.rules[1].packs=linux", "gateway.access.rules[1].channels=slack:C0OPS",
					"gateway.access.rules[1].effect=DENY")
			.run((context) -> {
				AccessProperties properties = context.getBean(AccessProperties.class);
				assertThat(properties.defaultEffect()).isEqualTo(Effect.DENY);
				assertThat(properties.directMessages()).isFalse();
				assertThat(properties.channels()).containsExactly("slack:C0OPS", "teams:*");
				assertThat(properties.rules()).containsExactly(
						new AccessProperties.Rule(List.of("slack:U1", "api:ci"), List.of(), List.of(), List.of("ops.*"),
								Effect.ALLOW),
						new AccessProperties.Rule(List.of(), List.of("slack:C0OPS"), List.of("linux"), List.of(),
								Effect.DENY));
			});
	}

	@Test
	void unknownFieldInARuleShouldStopStartUp() {
		assertFailure("gateway.access.rules[0].user", "gateway.access.rules[0].user=slack:U1",
				"gateway.access.rules[0].packs=ops", "gateway.access.rules[0].effect=allow");
	}

	@Test
	void unknownSettingShouldStopStartUp() {
		assertFailure("gateway.access.defualt", "gateway.access.defualt=deny");
	}

	@Test
	void unknownEffectShouldStopStartUp() {
		assertFailure("gateway.access.rules[0].effect", "gateway.access.rules[0].users=slack:U1",
				"gateway.access.rules[0].effect=permit");
	}

	@Test
	void missingEffectShouldStopStartUp() {
		assertFailure("gateway.access.rules[0].effect must be set", "gateway.access.rules[0].users=slack:U1");
	}

	@Test
	void ruleWithoutSubjectsOrObjectsShouldStopStartUp() {
		assertFailure("gateway.access.rules[1] names no users", "gateway.access.rules[0].users=slack:U1",
				"gateway.access.rules[0].effect=allow", "gateway.access.rules[1].effect=deny");
	}

	@Test
	void badGlobsShouldStopStartUpNamingTheProperty() {
		assertFailure("gateway.access.rules[0].aliases[1]", "gateway.access.rules[0].aliases=ops.*,ops.[a-z]",
				"gateway.access.rules[0].effect=allow");
		assertFailure("gateway.access.rules[0].packs[0]", "gateway.access.rules[0].packs=my pack",
				"gateway.access.rules[0].effect=allow");
	}

	@Test
	void subjectsWithoutPlatformShouldStopStartUp() {
		assertFailure("gateway.access.rules[0].users[0] must be <platform>:<id>", "gateway.access.rules[0].users=alice",
				"gateway.access.rules[0].effect=allow");
		assertFailure("gateway.access.channels[0]", "gateway.access.channels=#ops");
	}

	private void assertFailure(String expected, String... properties) {
		this.runner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			StringBuilder messages = new StringBuilder();
			for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
				messages.append(cause.getMessage()).append('\n');
			}
			assertThat(messages.toString()).contains(expected);
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(AccessProperties.class)
	static class Config {

	}

}
