package io.github.st2chatops.gateway.st2;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.st2chatops.gateway.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Who a command runs as, before st2 is asked anything.
 */
class St2ImpersonationTests {

	private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-24T12:00:00Z"));

	@ParameterizedTest(name = "{0}")
	@MethodSource("unmappedUsers")
	void identityOfAnUnmappedUserShouldFollowTheSettings(String rule, boolean enabled,
			St2ImpersonationProperties.Fallback fallback, St2Identity identity) {
		assertThat(impersonation(enabled, fallback).identityOf("slack", "U1")).isEqualTo(identity);
	}

	static Stream<Arguments> unmappedUsers() {
		return Stream.of(
				arguments("disabled: runs as the gateway", false, St2ImpersonationProperties.Fallback.REFUSE,
						St2Identity.GATEWAY),
				arguments("fallback refuse: unmapped", true, St2ImpersonationProperties.Fallback.REFUSE,
						new St2Identity.Unmapped()),
				arguments("fallback gateway-user: runs as the gateway", true,
						St2ImpersonationProperties.Fallback.GATEWAY_USER, St2Identity.GATEWAY));
	}

	@Test
	void malformedMappingShouldNameTheProperty() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new St2ImpersonationProperties(true, List.of("slack-U1-alice"), List.of(),
					St2ImpersonationProperties.Fallback.REFUSE))
			.withMessageContaining("gateway.st2.impersonation.users")
			.withMessageContaining("<platform>:<user id>=<st2 user>");
		assertThatIllegalArgumentException().isThrownBy(() -> new St2ImpersonationProperties(true, List.of("slack:U1="),
				List.of(), St2ImpersonationProperties.Fallback.REFUSE));
	}

	@Test
	void mappingShouldKeepUserIdsWithColons() {
		assertThat(new St2ImpersonationProperties(true, List.of("teams:29:1abc=alice"), List.of(),
				St2ImpersonationProperties.Fallback.REFUSE)
			.userMap()).containsEntry("teams:29:1abc", "alice");
	}

	@Test
	void renewalShouldFollowTheGatewayTokenMargin() {
		Instant now = this.clock.instant();
		assertThat(St2TokenIssuer.renewAt(now, now.plus(Duration.ofHours(24)), null))
			.isEqualTo(now.plus(Duration.ofHours(24)).minus(Duration.ofMinutes(144)));
		assertThat(St2TokenIssuer.renewAt(now, now.plus(Duration.ofMinutes(10)), Duration.ofHours(1)))
			.isEqualTo(now.plus(Duration.ofMinutes(5)));
	}

	private St2Impersonation impersonation(boolean enabled, St2ImpersonationProperties.Fallback fallback) {
		St2Properties properties = new St2Properties(URI.create("http://st2.invalid"), null, null, null, null, null,
				"chatops_bot", "secret-password", null, null, Duration.ofSeconds(5), Duration.ofSeconds(30), true, null,
				null, null, 100, new St2Properties.Retry(0, Duration.ofMillis(200)));
		St2ImpersonationProperties settings = new St2ImpersonationProperties(enabled, List.of("slack:U2=bob"),
				List.of(), fallback);
		// st2 is never asked: the auth API is not needed
		St2TokenIssuer issuer = new St2TokenIssuer(properties, null, this.clock, new SimpleMeterRegistry());
		return new St2Impersonation(settings, issuer, new St2TokenProvider(properties, issuer, this.clock), this.clock);
	}

}
