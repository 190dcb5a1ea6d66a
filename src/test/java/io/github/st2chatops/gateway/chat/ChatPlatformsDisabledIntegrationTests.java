package io.github.st2chatops.gateway.chat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Controller;
import org.springframework.util.ClassUtils;

import io.github.st2chatops.gateway.support.GatewayHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without its settings (Slack's signing secret, Mattermost's token) a platform is off: no
 * endpoint, no controller, no sender.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "gateway.st2.url=http://127.0.0.1:9", "gateway.st2.api-key=test-api-key" })
class ChatPlatformsDisabledIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	ChatSenders senders;

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource({ "slack, /chat/slack/commands", "slack, /chat/slack/events", "mattermost, /chat/mattermost" })
	void endpointWhenPlatformIsNotConfiguredShouldAnswer404ProblemDetailsAndHaveNoSender(String platform, String path) {
		GatewayHttp.Response response = new GatewayHttp(this.port).post(path, "token=x&text=hi", "Content-Type",
				"application/x-www-form-urlencoded");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.json()).containsEntry("type", "urn:st2-chatops-gateway:problem:not-found");
		assertThat(this.senders.forPlatform(platform)).isEmpty();
		assertThat(this.context.getBeansWithAnnotation(Controller.class).values())
			.noneMatch((controller) -> ClassUtils.getUserClass(controller)
				.getPackageName()
				.equals(ChatSenders.class.getPackageName() + "." + platform));
	}

}
