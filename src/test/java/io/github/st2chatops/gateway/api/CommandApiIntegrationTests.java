package io.github.st2chatops.gateway.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.github.st2chatops.gateway.support.GatewayHttp.Response;
import io.github.st2chatops.gateway.support.GatewayIntegrationTestBase;
import io.github.st2chatops.gateway.support.St2WireMock;
import io.github.st2chatops.gateway.support.StubServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST API end to end: the service on a random port, WireMock as st2 answering the
 * way st2's API does.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "gateway.st2.api-key=st2-test-api-key", "gateway.st2.web-url=https://st2.example.test/",
				"gateway.st2.retry.max-retries=0", "gateway.api.keys.ci.token=ci-secret-token-0001",
				"gateway.api.keys.ci.user=ci-bot", "gateway.api.keys.admin.token=admin-secret-token-0002",
				"gateway.api.keys.admin.user=admin", "gateway.api.keys.admin.any-user=true",
				"gateway.catalog.refresh-interval=1h",
				"gateway.chat.slack.signing-secret=slack-signing-secret-for-tests",
				"gateway.chat.slack.bot-token=xoxb-test-token" })
class CommandApiIntegrationTests extends GatewayIntegrationTestBase {

	@RegisterExtension
	static final StubServer st2 = StubServer.st2();

	static final String EXECUTION_ID = "5f1a7e2b9c1d4a0001e0e001";

	static final String CI = "ci-secret-token-0001";

	@Autowired
	MeterRegistry meterRegistry;

	@BeforeEach
	void loadCatalog() {
		st2.resetAll();
		St2WireMock.stubSampleCatalog(st2);
		syncCatalog();
	}

	@Test
	void runWhenLineMatchesShouldSendExactlyWhatSt2ExpectsAndAck() {
		stubExecution(201,
				executionAnswer("Deploying web", "https://st2.example.test/#/history/" + EXECUTION_ID + "/general"));

		Response response = this.http.command(CI, "!st2 deploy web to prod");

		assertThat(response.status()).isEqualTo(200);
		Map<String, Object> body = response.json();
		assertThat(body).containsEntry("outcome", "executed")
			.containsEntry("alias", "ops.deploy")
			.containsEntry("format", "deploy {{app}} to {{env=staging}}")
			.containsEntry("parameters", Map.of("app", "web", "env", "prod"))
			.containsEntry("execution",
					Map.of("id", EXECUTION_ID, "web_url",
							"https://st2.example.test/#/history/" + EXECUTION_ID + "/general"))
			.containsEntry("reply",
					"Deploying web\nDetails: https://st2.example.test/#/history/" + EXECUTION_ID + "/general");
		st2.verify(1, postRequestedFor(urlEqualTo("/api/v1/aliasexecution"))
			.withHeader("St2-Api-Key", equalTo("st2-test-api-key"))
			.withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalToJson(
					"""
							{
							  "name": "deploy",
							  "format": "deploy {{app}} to {{env=staging}}",
							  "command": "deploy web to prod",
							  "user": "ci-bot",
							  "source_channel": "api:ci-bot",
							  "source_context": {"platform": "api", "channel": "ci-bot", "user_id": "ci-bot", "user_name": "ci-bot"},
							  "notification_route": "chatops-gateway"
							}""")));
	}

	@Test
	void runWhenChannelIsOnAnUnknownOrUnconfiguredPlatformShouldBe400AndRunNothing() {
		// irc is no platform of the gateway's; teams is one, but not configured here
		for (String channel : List.of("irc:ops", "teams:19:abc@thread.tacv2")) {
			for (String path : List.of("/api/v1/commands", "/api/v1/commands/match")) {
				Response response = this.http.postJson(path, CI,
						"{\"text\": \"deploy web to prod\", \"channel\": \"" + channel + "\"}");
				assertThat(response.status()).as(channel + " " + path).isEqualTo(400);
				assertThat(response.header("Content-Type")).startsWith("application/problem+json");
				assertThat(response.json()).containsEntry("type", "urn:st2-chatops-gateway:problem:invalid-request");
				assertThat((String) response.json().get("detail"))
					.contains("'" + channel.substring(0, channel.indexOf(':')) + "'")
					.contains("nothing ran");
			}
		}
		st2.verify(0, postRequestedFor(urlEqualTo("/api/v1/aliasexecution")));
		assertThat(this.meterRegistry.find("gateway.commands").tag("platform", "irc").counters()).isEmpty();
	}

	@Test
	void runWhenChannelGivenShouldAddressTheResultToThatChannel() {
		stubExecution(201, executionAnswer(null, null));

		Response response = this.http.postJson("/api/v1/commands", CI, """
				{"text": "uptime on web1,web2", "channel": "slack:C024BE91L"}""");

		assertThat(response.json()).containsEntry("outcome", "executed");
		st2.verify(postRequestedFor(urlEqualTo("/api/v1/aliasexecution")).withRequestBody(equalToJson(
				"""
						{
						  "name": "uptime",
						  "format": "uptime on {{hosts}}",
						  "command": "uptime on web1,web2",
						  "user": "ci-bot",
						  "source_channel": "slack:C024BE91L",
						  "source_context": {"platform": "slack", "channel": "C024BE91L", "user_id": "ci-bot", "user_name": "ci-bot"},
						  "notification_route": "chatops-gateway"
						}""")));
	}

	@Test
	void runWhenSt2SendsNoWebUrlShouldLinkThroughTheConfiguredWebUrl() {
		stubExecution(201, executionAnswer(null, null));

		Map<String, Object> body = this.http.command(CI, "deploy api to qa").json();

		assertThat(body).containsEntry("outcome", "executed")
			.containsEntry("parameters", Map.of("app", "api", "env", "qa"));
		assertThat((String) body.get("reply")).isEqualTo("Got it! Execution " + EXECUTION_ID
				+ " is on its way.\nDetails: https://st2.example.test/#/history/" + EXECUTION_ID + "/general");
	}

	@Test
	void runWhenAckDisabledShouldSayNothingButReportTheExecution() {
		stubExecution(201, executionAnswer(null, null));

		Map<String, Object> body = this.http.command(CI, "restart nginx").json();

		assertThat(body).containsEntry("outcome", "executed")
			.containsEntry("format", "restart {{service}}")
			.doesNotContainKey("reply")
			.containsKey("execution");
	}

	@Test
	void runWhenAppendUrlFalseShouldLeaveTheLinkOut() {
		stubExecution(201, executionAnswer("Checking uptime", "https://st2.example.test/#/history/x/general"));

		Map<String, Object> body = this.http.command(CI, "uptime on web1").json();

		assertThat(body).containsEntry("reply", "Checking uptime");
	}

	@Test
	void runWhenNothingMatchesShouldSuggestTheClosestCommandsAndRunNothing() {
		Map<String, Object> body = runNothing("!st2 deploy", "no_match");

		assertThat((String) body.get("reply")).startsWith("No command matches `deploy`.")
			.contains("Did you mean:\n  !st2 deploy {{app}} to {{env=staging}}")
			.contains("!st2 help");
	}

	@Test
	void runWhenTwoAliasesMatchShouldListTheCandidatesAndRunNothing() {
		Map<String, Object> body = runNothing("status db", "ambiguous");

		assertThat(body).containsEntry("candidates", List.of("alpha.status", "beta.status"));
		assertThat((String) body.get("reply")).contains("alpha.status: status {{thing}}")
			.contains("beta.status: status {{item}}");
	}

	@Test
	void runWhenAliasDisabledShouldRefuseWithoutCallingSt2() {
		assertThat(runNothing("nuke everything", "refused")).containsEntry("reply",
				"The alias ops.nuke is disabled in st2, so nothing ran.");
	}

	@Test
	void runWhenSt2RefusesShouldRelayItsFaultstring() {
		stubExecution(400,
				"""
						{"faultstring": "Command \\"deploy web to prod\\" doesn't match format string \\"deploy {{app}}\\""}""");

		Map<String, Object> body = this.http.command(CI, "deploy web to prod").json();

		assertThat(body).containsEntry("outcome", "refused").containsEntry("alias", "ops.deploy");
		assertThat((String) body.get("reply"))
			.startsWith("st2 refused to run ops.deploy: Command \"deploy web to prod\"")
			.endsWith("Nothing ran.");
	}

	@Test
	void runWhenSt2AnswersWithAProxyErrorPageShouldSayItIsUnavailableWithoutTheHtml() {
		st2.stubFor(post(urlEqualTo("/api/v1/aliasexecution")).willReturn(aResponse().withStatus(502)
			.withHeader("Content-Type", "text/html")
			.withBody("<html><body><h1>502 Bad Gateway</h1>nginx</body></html>")));

		Map<String, Object> body = this.http.command(CI, "deploy web to qa").json();

		assertThat(body).containsEntry("outcome", "unavailable");
		assertThat((String) body.get("reply")).doesNotContain("<html>").doesNotContain("nginx").contains("st2");
	}

	@Test
	void runWhenSt2RejectsTheGatewayCredentialsShouldSayNothingRan() {
		stubExecution(401, """
				{"faultstring": "Unauthorized - ApiKey with key_hash=abc not found."}""");

		Map<String, Object> body = this.http.command(CI, "deploy web to qa").json();

		assertThat(body).containsEntry("outcome", "unavailable");
		assertThat((String) body.get("reply")).contains("could not sign in to st2, so nothing ran");
	}

	@Test
	void helpShouldListDisplayStringsByPack() {
		Map<String, Object> body = this.http.command(CI, "!st2help").json();

		assertThat(body).containsEntry("outcome", "help");
		assertThat((String) body.get("reply")).contains("ops:")
			.contains("!st2 restart <service> [on <host>] — Restart a service")
			.contains("linux:")
			.doesNotContain("nuke");
	}

	@Test
	void helpWithFilterAndPackShouldNarrowTheList() {
		Map<String, Object> body = this.http.command(CI, "help RESTART pack=ops").json();

		assertThat((String) body.get("reply")).contains("restart <service>").doesNotContain("deploy");
	}

	@Test
	void matchShouldShowAliasFormatAndParametersAndRunNothing() {
		Response response = this.http.dryRun(CI, "!st2 restart nginx");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).containsEntry("outcome", "matched")
			.containsEntry("alias", "ops.restart")
			.containsEntry("format", "restart {{service}}")
			.containsEntry("parameters", Map.of("service", "nginx"));
		assertNoExecution();
	}

	@Test
	void matchBuiltInInChatShouldBeADryRun() {
		Map<String, Object> body = this.http.command(CI, "!st2 match deploy web to prod").json();

		assertThat(body).containsEntry("outcome", "matched");
		assertThat((String) body.get("reply")).contains("would run ops.deploy").endsWith("Nothing ran.");
		assertNoExecution();
	}

	@Test
	void runWithoutApiKeyShouldAnswer401ProblemAndRunNothing() {
		Response response = this.http.post("/api/v1/commands", """
				{"text": "deploy web"}""", "Content-Type", "application/json");

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
		assertThat(response.json()).containsEntry("type", "urn:st2-chatops-gateway:problem:unauthorized");
		assertNoExecution();
	}

	@Test
	void runWithWrongApiKeyShouldAnswer401() {
		Response response = this.http.command("not-the-key", "deploy web");

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.body()).doesNotContain(CI);
		assertNoExecution();
	}

	@Test
	void runAsAnotherUserShouldNeedAKeyThatAllowsIt() {
		Response denied = this.http.postJson("/api/v1/commands", CI, """
				{"text": "deploy web to qa", "user": "alice"}""");
		assertThat(denied.status()).isEqualTo(403);
		assertNoExecution();

		stubExecution(201, executionAnswer(null, null));
		Response allowed = this.http.postJson("/api/v1/commands", "admin-secret-token-0002", """
				{"text": "deploy web to qa", "user": "alice"}""");
		assertThat(allowed.json()).containsEntry("outcome", "executed");
		st2.verify(postRequestedFor(urlEqualTo("/api/v1/aliasexecution"))
			.withRequestBody(equalToJson("{\"user\": \"alice\", \"source_channel\": \"api:alice\"}", true, true)));
	}

	@Test
	void badInputsShouldAnswerProblemDetailsAndRunNothing() {
		assertProblem(this.http.postJson("/api/v1/commands", CI, "{}"), 400, "invalid-request");
		assertProblem(this.http.postJson("/api/v1/commands", CI, "{\"text\": \"   \"}"), 400, "invalid-request");
		assertProblem(this.http.postJson("/api/v1/commands", CI, "{\"text\": \"" + "x".repeat(4001) + "\"}"), 400,
				"invalid-request");
		assertProblem(this.http.postJson("/api/v1/commands", CI, "{\"text\": \"deploy web\""), 400, "invalid-request");
		assertProblem(this.http.postJson("/api/v1/commands", CI, "{\"text\": \"deploy\", \"channel\": \"nochannel\"}"),
				400, "invalid-request");
		assertProblem(this.http.post("/api/v1/commands", "text=deploy", "Content-Type", "text/plain", "Authorization",
				"Bearer " + CI), 415, "unsupported-media-type");
		byte[] huge = ("{\"text\": \"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
		assertProblem(this.http.postBytes("/api/v1/commands", huge, "Content-Type", "application/json", "Authorization",
				"Bearer " + CI), 413, "payload-too-large");
		assertNoExecution();
	}

	@Test
	void getExecutionShouldReadItFromSt2() {
		st2.stubFor(get(urlEqualTo("/api/v1/executions/" + EXECUTION_ID)).willReturn(okJson("""
				{"id": "%s", "status": "succeeded", "action": {"ref": "ops.deploy_app"},
				 "parameters": {"app": "web"}, "result": {"stdout": "done", "return_code": 0},
				 "start_timestamp": "2026-11-24T10:00:00.000000Z", "end_timestamp": "2026-11-24T10:00:02.000000Z",
				 "elapsed_seconds": 2.0, "web_url": "https://st2.example.test/#/history/%s/general"}"""
			.formatted(EXECUTION_ID, EXECUTION_ID))));

		Response response = this.http.get("/api/v1/executions/" + EXECUTION_ID, "Authorization", "Bearer " + CI);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).containsEntry("status", "succeeded")
			.containsEntry("action", "ops.deploy_app")
			.containsEntry("result", Map.of("stdout", "done", "return_code", 0));
	}

	@Test
	void getExecutionWhenUnknownOrMalformedShouldAnswerProblems() {
		st2.stubFor(get(urlEqualTo("/api/v1/executions/" + EXECUTION_ID)).willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"faultstring\": \"Resource with a primary key or name \\\"" + EXECUTION_ID
					+ "\\\" not found\"}")));

		assertProblem(this.http.get("/api/v1/executions/" + EXECUTION_ID, "Authorization", "Bearer " + CI), 404,
				"not-found");
		assertProblem(this.http.get("/api/v1/executions/not-an-execution-id", "Authorization", "Bearer " + CI), 400,
				"invalid-request");
		st2.verify(0, getRequestedFor(urlPathEqualTo("/api/v1/executions/not-an-execution-id")));
	}

	@Test
	void aliasesShouldShowTheCatalogAndItsStatus() {
		Response response = this.http.get("/api/v1/aliases", "Authorization", "Bearer " + CI);

		assertThat(response.status()).isEqualTo(200);
		Map<String, Object> body = response.json();
		@SuppressWarnings("unchecked")
		Map<String, Object> status = (Map<String, Object>) body.get("status");
		assertThat(status).containsEntry("loaded", true).containsEntry("aliases", 6).containsEntry("enabled", 5);
		assertThat((List<?>) body.get("aliases")).hasSize(6);
	}

	/**
	 * Runs a line as the CI key, checks that it was answered with the given outcome and
	 * that nothing reached st2's alias execution.
	 */
	private Map<String, Object> runNothing(String text, String outcome) {
		Map<String, Object> body = this.http.command(CI, text).json();
		assertThat(body).containsEntry("outcome", outcome);
		assertNoExecution();
		return body;
	}

	private void assertNoExecution() {
		st2.verify(0, postRequestedFor(urlEqualTo("/api/v1/aliasexecution")));
	}

	private static void assertProblem(Response response, int status, String type) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.json()).containsEntry("type", "urn:st2-chatops-gateway:problem:" + type)
			.containsEntry("status", status)
			.containsKey("detail");
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.");
	}

	private static void stubExecution(int status, String body) {
		st2.stubFor(post(urlEqualTo("/api/v1/aliasexecution")).willReturn(aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withHeader("X-Request-ID", "3f0c9d1e-5b6a-4c2d-9e8f-7a6b5c4d3e2f")
			.withBody(body)));
	}

	private static String executionAnswer(String message, String webUrl) {
		String execution = """
				{"id": "%s", "status": "requested", "action": {"ref": "ops.deploy_app"},
				 "parameters": {}, "context": {"user": "ci-bot"},
				 "start_timestamp": "2026-11-24T10:00:00.000000Z"%s}""".formatted(EXECUTION_ID,
				(webUrl != null) ? ", \"web_url\": \"" + webUrl + "\"" : "");
		return "{\"execution\": " + execution + ", \"actionalias\": {\"name\": \"deploy\", \"pack\": \"ops\"}"
				+ ((message != null) ? ", \"message\": \"" + message + "\"" : "") + "}";
	}

}
