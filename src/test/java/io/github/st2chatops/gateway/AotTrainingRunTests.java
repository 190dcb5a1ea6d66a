package io.github.st2chatops.gateway;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The image's AOT training run (Dockerfile) really starts the gateway and serves the
 * requests a new pod serves first, as the image would, with an st2 that is not there; and
 * it fails, which fails the image's build, when the gateway cannot start.
 */
class AotTrainingRunTests {

	@Test
	void servesTheFirstRequestsOfAPodAndStops() throws Exception {
		List<String> served = AotTrainingRun.train("--gateway.st2.url=http://127.0.0.1:9",
				"--gateway.st2.api-key=training-api-key");

		assertThat(served).hasSize(5 * 11)
			.contains("GET /actuator/health/liveness 200", "GET /actuator/health/readiness 200",
					"GET /actuator/prometheus 200", "GET /actuator/info 200")
			// the API key the run configures is accepted, a call without it is not
			.contains("POST /api/v1/commands/match 200", "POST /api/v1/commands 401", "POST /api/v1/commands 400",
					"GET /not-a-path 404")
			// st2 is not there: health is DOWN, and so is the catalog
			.contains("GET /actuator/health 503", "GET /api/v1/aliases 200");
	}

	@Test
	void failsWhenTheGatewayCannotStart() {
		// no st2 credential: start-up fails on its validated settings
		assertThatException().isThrownBy(() -> AotTrainingRun.train("--gateway.st2.url=http://127.0.0.1:9"))
			.withStackTraceContaining("gateway.st2");
	}

}
