package io.github.st2chatops.gateway.relay;

import io.github.st2chatops.gateway.support.GatewayHttp;
import io.github.st2chatops.gateway.support.StubServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code gateway.relay.token} the notification endpoint is not there: never open.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "gateway.st2.url=http://127.0.0.1:9", "gateway.st2.api-key=test-api-key" })
@Import(RelayTestConfiguration.class)
class NotificationPushWithoutTokenIntegrationTests {

	@RegisterExtension
	static final StubServer chat = StubServer.serving("test.chat.url", "").resettingBeforeEach();

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
