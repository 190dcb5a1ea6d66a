package io.github.st2chatops.gateway.chat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;

import io.github.st2chatops.gateway.support.GatewayHttp;

import static io.github.st2chatops.gateway.chat.WebhookTestSupport.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

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
	 * Asserts that the gateway logged why it refused a request, and showed none of the
	 * values (the signature it expected, the secret) in its answer or its log.
	 * @param response the answer
	 * @param output the captured log
	 * @param logged what the log says
	 * @param values what neither may contain
	 */
	protected static void assertLoggedWithout(GatewayHttp.Response response, CapturedOutput output, String logged,
			String... values) {
		assertThat(output).contains(logged);
		for (String value : values) {
			assertThat(response.body()).doesNotContain(value);
			assertThat(output).doesNotContain(value);
		}
	}

	/**
	 * Asserts that only the given platform is on: it has the only sender, and other
	 * platforms' endpoints answer 404 problem details.
	 * @param platform the platform
	 * @param otherPaths endpoints of platforms that are off
	 */
	protected void assertOnlyPlatformOn(String platform, String... otherPaths) {
		assertThat(this.context.getBeansOfType(ChatSender.class).values()).extracting(ChatSender::platform)
			.containsExactly(platform);
		for (String path : otherPaths) {
			assertProblem(this.http.post(path, "{}", "Content-Type", "application/json"), 404, "not-found");
		}
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
