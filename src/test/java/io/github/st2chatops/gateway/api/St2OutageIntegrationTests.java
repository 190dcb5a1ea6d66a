package io.github.st2chatops.gateway.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.github.tomakehurst.wiremock.http.Fault;
import io.github.st2chatops.gateway.chat.WebhookTestSupport;
import io.github.st2chatops.gateway.support.GatewayHttp.Response;
import io.github.st2chatops.gateway.support.GatewayIntegrationTestBase;
import io.github.st2chatops.gateway.support.St2WireMock;
import io.github.st2chatops.gateway.support.StubServer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * st2 unreachable at start, refusing the gateway's credential, and going away in the
 * middle of traffic, end to end through the real endpoints with WireMock as st2 and as
 * the generic chat's callback: readiness stays UP, and chat and the REST API say
 * {@code unavailable} with the reason, never "no match". The tests run in order, as one
 * replica's life.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "gateway.st2.api-key=st2-test-api-key", "gateway.st2.retry.max-retries=0",
				"gateway.api.keys.ci.token=ci-secret-token-0001", "gateway.api.keys.ci.user=ci-bot",
				"gateway.catalog.refresh-interval=1s", "gateway.catalog.max-age=4s",
				"gateway.chat.generic.secret=" + St2OutageIntegrationTests.SECRET,
				// the circuit breaker would answer for st2 after a few failures; these
				// tests
				// are about what the catalog's state makes the pipeline say
				"resilience4j.circuitbreaker.instances.st2.minimum-number-of-calls=1000" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class St2OutageIntegrationTests extends GatewayIntegrationTestBase {

	@RegisterExtension
	static final StubServer st2 = StubServer.st2();

	@RegisterExtension
	static final StubServer chat = StubServer.serving("gateway.chat.generic.callback-url", "/callback");

	static final String SECRET = "generic-secret-for-outage-tests-0123";

	static final String CI = "ci-secret-token-0001";

	static {
		// st2 is unreachable when the gateway starts
		st2.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		chat.stubFor(post("/callback").willReturn(aResponse().withStatus(200)));
	}

	@Test
	@Order(1)
	void startWhileSt2IsUnreachableShouldBecomeReadyAndAnswerUnavailable() {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.http.get("/actuator/health/readiness").status()).isEqualTo(200));
		assertThat(this.http.get("/actuator/health").status()).as("st2 stays in the overall health").isEqualTo(503);

		String reason = "st2 cannot be reached by the gateway, so the gateway does not know its commands and nothing ran.";
		for (String line : new String[] { "deploy web to prod", "help", "match deploy web to prod" }) {
			Map<String, Object> answer = command(line);
			assertThat(answer).as(line).containsEntry("outcome", "unavailable");
			assertThat((String) answer.get("reply")).as(line).startsWith(reason);
		}
		Map<String, Object> dryRun = this.http.dryRun(CI, "deploy web").json();
		assertThat(dryRun).containsEntry("outcome", "unavailable");

		assertThat(chatReply("!st2 deploy web to prod")).contains(reason);
		assertThat(chatReply("!st2 help")).contains(reason).doesNotContain("No commands match");
		assertNoExecution();
	}

	@Test
	@Order(2)
	void wrongCredentialShouldSaySt2RefusedIt() {
		st2.resetAll();
		st2.stubFor(get(urlPathEqualTo("/api/v1/actionalias"))
			.willReturn(St2WireMock.fault(401, "Unauthorized - ApiKey with key_hash=abc not found.")));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat((String) command("help").get("reply"))
				.startsWith("st2 refused the gateway's credential"));
		Map<String, Object> answer = command("deploy web to prod");
		assertThat(answer).containsEntry("outcome", "unavailable");
		assertThat((String) answer.get("reply")).contains("nothing ran")
			.contains("An operator needs to check the gateway's st2 credentials.");
		assertThat(chatReply("!st2 deploy web to prod")).contains("st2 refused the gateway's credential");
		assertThat(this.http.get("/actuator/health/readiness").status()).isEqualTo(200);
		assertNoExecution();
	}

	@Test
	@Order(3)
	void outageInTheMiddleOfTrafficShouldAnswerUnavailableWithTheReason() {
		st2.resetAll();
		St2WireMock.stubSampleCatalog(st2);
		st2.stubFor(post("/api/v1/aliasexecution").willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"execution\": {\"id\": \"5f1a7e2b9c1d4a0001e0e001\", \"status\": \"requested\"}}")));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(command("deploy web to prod")).containsEntry("outcome", "executed"));

		// st2 goes away
		st2.resetAll();
		st2.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		Instant down = Instant.now();
		Map<String, Object> first = command("deploy web to prod");
		assertThat(first).containsEntry("outcome", "unavailable");
		// once the last good catalog is older than gateway.catalog.max-age, the reason is
		// the catalog's, and nothing is even tried
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat((String) command("help").get("reply"))
				.startsWith("st2 cannot be reached by the gateway for ")
				.contains("so the gateway's list of commands is out of date and nothing ran"));
		assertThat(Duration.between(down, Instant.now())).isGreaterThan(Duration.ofSeconds(2));
		st2.resetRequests();
		Map<String, Object> late = command("deploy web to prod");
		assertThat(late).containsEntry("outcome", "unavailable");
		assertThat(chatReply("!st2 deploy web to prod")).contains("st2 cannot be reached by the gateway for ");
		assertNoExecution();
		assertThat(this.http.get("/actuator/health/readiness").status()).isEqualTo(200);
	}

	private static void assertNoExecution() {
		st2.verify(0, postRequestedFor(urlEqualTo("/api/v1/aliasexecution")));
	}

	private Map<String, Object> command(String line) {
		Response response = this.http.command(CI, line);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	/**
	 * Sends a signed generic-webhook message and returns what the gateway posted back to
	 * the callback for it.
	 */
	private String chatReply(String text) {
		chat.resetRequests();
		String thread = "t" + System.nanoTime();
		byte[] body = ("{\"text\": \"" + text + "\", \"user\": \"alice\", \"channel\": \"ops\", \"thread\": \"" + thread
				+ "\"}")
			.getBytes(StandardCharsets.UTF_8);
		String timestamp = Long.toString(Instant.now().getEpochSecond());
		String[] signed = WebhookTestSupport.genericSigned(SECRET, timestamp, body);
		Response response = this.http.postBytes("/chat/generic", body, "Content-Type", "application/json", signed[0],
				signed[1], signed[2], signed[3]);
		assertThat(response.status()).as(response.body()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(
					chat.findAll(postRequestedFor(urlEqualTo("/callback")).withRequestBody(containing(thread))))
				.isNotEmpty());
		return chat.findAll(postRequestedFor(urlEqualTo("/callback")).withRequestBody(containing(thread)))
			.get(0)
			.getBodyAsString();
	}

}
