package io.github.st2chatops.gateway.chat.slack;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import io.github.st2chatops.gateway.chat.ChatSenders;
import io.github.st2chatops.gateway.support.GatewayHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without a signing secret Slack is off: no endpoint, no sender.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "gateway.st2.url=http://127.0.0.1:9", "gateway.st2.api-key=test-api-key" })
class SlackDisabledIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	ChatSenders senders;

	@Test
	void endpointsWhenSlackIsNotConfiguredShouldAnswer404ProblemDetails() {
		GatewayHttp http = new GatewayHttp(this.port);
		for (String path : new String[] { "/chat/slack/commands", "/chat/slack/events" }) {
			GatewayHttp.Response response = http.post(path, "token=x&text=hi", "Content-Type",
					"application/x-www-form-urlencoded");
			assertThat(response.status()).isEqualTo(404);
			assertThat(response.json()).containsEntry("type", "urn:st2-chatops-gateway:problem:not-found");
		}
	}

	@Test
	void sendersWhenSlackIsNotConfiguredShouldHaveNoSlackSender() {
		assertThat(this.senders.forPlatform("slack")).isEmpty();
		assertThat(this.context.getBeanNamesForType(SlackWebhookController.class)).isEmpty();
	}

}
