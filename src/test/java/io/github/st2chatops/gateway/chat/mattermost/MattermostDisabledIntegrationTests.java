package io.github.st2chatops.gateway.chat.mattermost;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.github.st2chatops.gateway.chat.ChatSenders;
import io.github.st2chatops.gateway.support.GatewayHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without a token Mattermost is off: no endpoint, no sender.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "gateway.st2.url=http://127.0.0.1:9", "gateway.st2.api-key=test-api-key" })
class MattermostDisabledIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	ChatSenders senders;

	@Test
	void endpointWhenMattermostIsNotConfiguredShouldAnswer404ProblemDetails() {
		GatewayHttp.Response response = new GatewayHttp(this.port).post("/chat/mattermost", "token=x&text=hi",
				"Content-Type", "application/x-www-form-urlencoded");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.json()).containsEntry("type", "urn:st2-chatops-gateway:problem:not-found");
		assertThat(this.senders.forPlatform("mattermost")).isEmpty();
	}

}
