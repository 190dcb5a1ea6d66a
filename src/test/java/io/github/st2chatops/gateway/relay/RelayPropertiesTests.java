package io.github.st2chatops.gateway.relay;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RelayPropertiesTests {

	@Test
	void defaultsShouldLeavePushOffAndTheStreamOff() {
		RelayProperties properties = bind(Map.of());

		assertThat(properties.pushEnabled()).isFalse();
		assertThat(properties.dedupeWindow()).isEqualTo(Duration.ofMinutes(10));
		assertThat(properties.stream().enabled()).isFalse();
		assertThat(properties.stream().idleTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(properties.stream().initialBackoff()).isEqualTo(Duration.ofSeconds(1));
		assertThat(properties.stream().maxBackoff()).isEqualTo(Duration.ofSeconds(60));
		assertThat(properties.stream().stableAfter()).isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void blankTokenShouldMeanNoToken() {
		assertThat(bind(Map.of("gateway.relay.token", "  ")).pushEnabled()).isFalse();
	}

	@Test
	void tokenShouldBeRedactedInToString() {
		RelayProperties properties = bind(Map.of("gateway.relay.token", "0123456789abcdef-secret"));

		assertThat(properties.pushEnabled()).isTrue();
		assertThat(properties.toString()).doesNotContain("secret").contains("******");
	}

	@Test
	void shortTokenShouldFailNamingThePropertyWithoutShowingTheToken() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("gateway.relay.token", "short-secret")))
			.havingRootCause()
			.withMessageContaining("gateway.relay.token")
			.withMessageNotContaining("short-secret");
	}

	@Test
	void nonPositiveWindowsShouldFailNamingTheProperty() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("gateway.relay.dedupe-window", "0s")))
			.havingRootCause()
			.withMessageContaining("gateway.relay.dedupe-window");
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("gateway.relay.stream.max-backoff", "500ms")))
			.havingRootCause()
			.withMessageContaining("gateway.relay.stream.max-backoff");
	}

	private static RelayProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("gateway.relay",
				RelayProperties.class);
	}

}
