package io.github.st2chatops.gateway.chat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;

import io.github.st2chatops.gateway.support.GatewayHttp;

/**
 * What the end-to-end tests of the webhook-only platforms (Teams, Rocket.Chat, generic)
 * share: the service on a random port with st2 unreachable, the scripted command handler
 * in place of the pipeline, deliveries that record their waits, and a client for the
 * gateway, all reset before each test. Each test class adds its platform's settings and
 * its WireMock stub.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "gateway.st2.url=http://127.0.0.1:9", "gateway.st2.api-key=test-api-key" })
@Import(ChatTestConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
public abstract class WebhookIntegrationTestBase {

	@LocalServerPort
	protected int port;

	@Autowired
	protected ScriptedChatCommandHandler handler;

	@Autowired
	protected RecordingSleeper sleeper;

	@Autowired
	protected ChatDelivery delivery;

	@Autowired
	protected ApplicationContext context;

	protected final JsonMapper json = JsonMapper.builder().build();

	protected GatewayHttp http;

	@BeforeEach
	void resetGatewayAndHandler() {
		this.http = new GatewayHttp(this.port);
		this.handler.reset();
		this.sleeper.reset();
	}

	/**
	 * Reads a JSON object the gateway posted.
	 * @param body the request body
	 * @return the object
	 */
	@SuppressWarnings("unchecked")
	protected Map<String, Object> readJson(byte[] body) {
		return this.json.readValue(body, Map.class);
	}

}
