package io.github.st2chatops.gateway.relay;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.st2chatops.gateway.support.GatewayHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code gateway.relay.token} the notification endpoint is not there: never open.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(RelayTestConfiguration.class)
class NotificationPushWithoutTokenIntegrationTests {

	@RegisterExtension
	static WireMockExtension chat = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("test.chat.url", chat::baseUrl);
		registry.add("gateway.st2.url", () -> "http://127.0.0.1:9");
		registry.add("gateway.st2.api-key", () -> "test-api-key");
	}

	@LocalServerPort
	int port;

	@Test
	void pushWhenNoTokenIsConfiguredShouldAnswer404WhateverItCarries() {
		GatewayHttp http = new GatewayHttp(this.port);
		String body = NotificationPushIntegrationTests.fixture("notification-by-context.json");

		GatewayHttp.Response withoutToken = http.post("/api/v1/st2/notifications", body, "Content-Type",
				"application/json");
		GatewayHttp.Response withSomeToken = http.postJson("/api/v1/st2/notifications", "anything-at-all-0123456789",
				body);

		for (GatewayHttp.Response response : new GatewayHttp.Response[] { withoutToken, withSomeToken }) {
			assertThat(response.status()).isEqualTo(404);
			assertThat(response.json()).containsEntry("type", "urn:st2-chatops-gateway:problem:not-found");
		}
		chat.verify(0, anyRequestedFor(anyUrl()));
	}

}
