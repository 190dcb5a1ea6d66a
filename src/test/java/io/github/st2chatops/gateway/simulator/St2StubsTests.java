package io.github.st2chatops.gateway.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link St2Stubs} on a test's own {@link WireMockExtension}, the way an integration test
 * that already has one uses the simulator.
 */
class St2StubsTests {

	static final St2Stubs st2 = new St2Stubs();

	@RegisterExtension
	static final WireMockExtension wireMock = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().extensions(st2.extension()))
		.build();

	@BeforeEach
	void stubs() {
		// the extension drops stubs before each test
		st2.reset();
		st2.register(wireMock);
	}

	@AfterAll
	static void close() {
		st2.close();
	}

	@Test
	void registerWhenOnWireMockExtensionShouldServeSt2() throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(wireMock.baseUrl() + "/api/v1/actionalias"))
				.header("St2-Api-Key", SimulatorSettings.DEFAULT_API_KEY)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-Total-Count")).contains("11");
		wireMock.verify(getRequestedFor(urlPathEqualTo("/api/v1/actionalias")));
	}

	@Test
	void rootWhenBrowsedShouldExplainTheSimulator() throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(wireMock.baseUrl() + "/")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((contentType) -> assertThat(contentType).startsWith("text/html"));
		assertThat(response.body()).contains("Simulated st2", wireMock.baseUrl() + "/api/v1/actionalias");
	}

}
