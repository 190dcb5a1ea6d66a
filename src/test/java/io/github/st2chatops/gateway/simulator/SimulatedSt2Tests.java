package io.github.st2chatops.gateway.simulator;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The simulated st2 against st2's contract, over HTTP.
 */
class SimulatedSt2Tests {

	private static final String RELAY_TOKEN = "relay-secret";

	private static final String NOTIFICATIONS = "/api/v1/st2/notifications";

	private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z";

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final JsonMapper json = JsonMapper.shared();

	private static SimulatedSt2 st2;

	private static WireMockServer gateway;

	@BeforeAll
	static void start() {
		st2 = SimulatedSt2.start(SimulatorSettings.defaults()
			.withCompletionDelay(Duration.ofMillis(200))
			.withNotificationRetries(3, Duration.ofMillis(50)));
		gateway = new WireMockServer(wireMockConfig().dynamicPort());
		gateway.start();
	}

	@AfterAll
	static void stop() {
		st2.close();
		gateway.stop();
	}

	@BeforeEach
	void reset() {
		st2.stubs().reset();
		st2.stubs().notifyGatewayAt(gateway.baseUrl(), RELAY_TOKEN);
		gateway.resetAll();
		gateway.stubFor(post(urlPathEqualTo(NOTIFICATIONS)).willReturn(aResponse().withStatus(202)));
	}

	// auth

	@Test
	void createTokenWhenCredentialsMatchShouldIssueToken() {
		Response response = call("POST", "/auth/v1/tokens", null, "Authorization", basic("st2admin", "Ch@ngeMe"));
		assertThat(response.status()).isEqualTo(201);
		Map<String, Object> token = response.object();
		assertThat(token).containsOnlyKeys("user", "token", "expiry", "id", "metadata", "service");
		assertThat(token.get("user")).isEqualTo("st2admin");
		assertThat((String) token.get("token")).matches("[0-9a-f]{32}");
		assertThat((String) token.get("id")).matches("[0-9a-f]{24}");
		assertThat(token.get("metadata")).isEqualTo(Map.of());
		assertThat((String) token.get("expiry")).matches(TIMESTAMP);
		assertThat(Instant.parse((String) token.get("expiry"))).isCloseTo(Instant.now().plus(Duration.ofHours(24)),
				within(1, ChronoUnit.MINUTES));
		assertThat(response.header("X-API-URL")).isEqualTo(st2.url() + "/api");
	}

	@Test
	void createTokenWhenPasswordWrongShouldAnswer401() {
		Response wrong = call("POST", "/auth/v1/tokens", null, "Authorization", basic("st2admin", "nope"));
		Response missing = call("POST", "/auth/v1/tokens", null);
		assertThat(List.of(wrong, missing)).allSatisfy((response) -> {
			assertThat(response.status()).isEqualTo(401);
			assertThat(response.object()).isEqualTo(Map.of("faultstring", "Invalid or missing credentials"));
		});
	}

	@Test
	void createTokenWhenTtlAboveMaximumShouldAnswer400() {
		Response response = call("POST", "/auth/v1/tokens", "{\"ttl\": 86401}", "Authorization",
				basic("st2admin", "Ch@ngeMe"));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.faultstring()).isEqualTo("TTL specified 86401 is greater than max allowed 86400.");
	}

	@Test
	void apiWhenNoCredentialShouldAnswer401() {
		Response response = call("GET", "/api/v1/actionalias", null);
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.object())
			.isEqualTo(Map.of("faultstring", "Unauthorized - One of Token or API key required."));
		assertThat(response.header("X-Request-ID")).isNotBlank();
	}

	@Test
	void apiWhenUnknownCredentialShouldAnswer401() {
		Response token = call("GET", "/api/v1/actionalias", null, "X-Auth-Token", "0123456789abcdef0123456789abcdef");
		Response apiKey = call("GET", "/api/v1/actionalias", null, "St2-Api-Key", "wrong");
		assertThat(token.status()).isEqualTo(401);
		assertThat(token.faultstring()).isEqualTo("Unauthorized");
		assertThat(apiKey.status()).isEqualTo(401);
		assertThat(apiKey.faultstring()).matches("Unauthorized - ApiKey with key_hash=[0-9a-f]{128} not found\\.");
	}

	@Test
	void apiWhenIssuedTokenOrApiKeyShouldAnswer() {
		assertThat(call("GET", "/api/v1/actionalias", null, "X-Auth-Token", token()).status()).isEqualTo(200);
		assertThat(call("GET", "/api/v1/actionalias", null, "St2-Api-Key", SimulatorSettings.DEFAULT_API_KEY).status())
			.isEqualTo(200);
	}

	@Test
	void apiWhenTokensRevokedShouldAnswer401UntilRenewed() {
		String token = token();
		st2.stubs().revokeTokens();
		assertThat(call("GET", "/api/v1/actionalias", null, "X-Auth-Token", token).status()).isEqualTo(401);
		assertThat(call("GET", "/api/v1/actionalias", null, "X-Auth-Token", token()).status()).isEqualTo(200);
	}

	@Test
	void apiWhenTokenExpiredShouldAnswer401() {
		Response issued = call("POST", "/auth/v1/tokens", "{\"ttl\": 1}", "Authorization",
				basic("st2admin", "Ch@ngeMe"));
		String token = (String) issued.object().get("token");
		Response expired = poll(() -> call("GET", "/api/v1/actionalias", null, "X-Auth-Token", token),
				(response) -> response.status() == 401, Duration.ofSeconds(5));
		assertThat(expired.faultstring()).isEqualTo("Unauthorized - Token has expired.");
	}

	// action aliases

	@Test
	void listAliasesWhenPagedShouldAnswerPagesWithTotalCount() {
		Response first = apiCall("GET", "/api/v1/actionalias?limit=4&offset=0", null);
		Response last = apiCall("GET", "/api/v1/actionalias?limit=4&offset=8", null);
		assertThat(first.status()).isEqualTo(200);
		assertThat(first.header("X-Total-Count")).isEqualTo("11");
		assertThat(first.header("X-Limit")).isEqualTo("4");
		assertThat(first.list()).hasSize(4);
		assertThat(last.list()).hasSize(3);
		assertThat(refs(first)).containsExactly("examples.remote_shell_cmd", "jira.create_jira_issue",
				"networking_utils.ping", "packs.pack_get");
		assertThat(refs(last)).containsExactly("st2.st2_executions_list", "st2.st2_rules_enable", "st2.st2_rules_list");
	}

	@Test
	void listAliasesWhenNoLimitShouldUseSt2Default() {
		Response response = apiCall("GET", "/api/v1/actionalias", null);
		assertThat(response.header("X-Limit")).isEqualTo("100");
		assertThat(response.list()).hasSize(11);
		Response all = apiCall("GET", "/api/v1/actionalias?limit=-1", null);
		assertThat(all.header("X-Limit")).isNull();
		assertThat(all.list()).hasSize(11);
	}

	@Test
	void listAliasesShouldAnswerAliasesAsSt2StoresThem() {
		Map<String, Object> ping = apiCall("GET", "/api/v1/actionalias?pack=networking_utils", null).list().get(0);
		assertThat(ping).containsOnlyKeys("id", "name", "pack", "ref", "uid", "description", "enabled", "action_ref",
				"formats", "ack", "result", "extra", "immutable_parameters", "metadata_file");
		assertThat(ping).containsEntry("uid", "action_alias:networking_utils:ping")
			.containsEntry("formats", List.of("ping {{ host }} count {{ count }}", "ping {{ host }}"));
	}

	@Test
	void getAliasWhenRefOrIdShouldAnswerAlias() {
		Map<String, Object> byRef = apiCall("GET", "/api/v1/actionalias/packs.pack_install", null).object();
		Map<String, Object> byId = apiCall("GET", "/api/v1/actionalias/" + byRef.get("id"), null).object();
		assertThat(byRef.get("action_ref")).isEqualTo("packs.install");
		assertThat(byId).isEqualTo(byRef);
		Response missing = apiCall("GET", "/api/v1/actionalias/nope.nope", null);
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.faultstring()).isEqualTo("Resource with a reference or id \"nope.nope\" not found");
	}

	// alias executions

	@Test
	void executeAliasShouldAnswer201WithExecutionAliasAndAck() {
		Map<String, Object> sourceContext = Map.of("platform", "slack", "channel", "C024BE91L", "user", "U2147483697");
		Response response = execute("remote_shell_cmd", "run {{cmd}} on {{hosts}}", "run date on localhost",
				sourceContext, "chatops-gateway");
		assertThat(response.status()).isEqualTo(201);
		Map<String, Object> body = response.object();
		assertThat(body).containsOnlyKeys("execution", "actionalias", "message");
		assertThat(body.get("message")).isEqualTo("Hold tight while I run command: *date* on hosts *localhost*");
		assertThat(map(body.get("actionalias"))).containsEntry("ref", "examples.remote_shell_cmd");
		Map<String, Object> execution = map(body.get("execution"));
		String id = (String) execution.get("id");
		assertThat(id).matches("[0-9a-f]{24}");
		assertThat(execution).containsEntry("status", "requested")
			.containsEntry("web_url", st2.url() + "/#/history/" + id + "/general")
			.containsEntry("parameters", Map.of("cmd", "date", "hosts", "localhost"))
			.doesNotContainKeys("result", "end_timestamp");
		assertThat((String) execution.get("start_timestamp")).matches(TIMESTAMP);
		assertThat(map(execution.get("action"))).containsEntry("ref", "core.remote")
			.containsEntry("runner_type", "remote-shell-cmd");
		assertThat(map(execution.get("runner"))).containsEntry("name", "remote-shell-cmd");
		Map<String, Object> context = map(execution.get("context"));
		assertThat(context).containsEntry("api_user", "alice")
			.containsEntry("user", "st2admin")
			.containsEntry("source_channel", "slack:C024BE91L")
			.containsEntry("pack", "core");
		assertThat(map(context.get("action_alias_ref"))).containsEntry("name", "remote_shell_cmd");
		SimulatedExecution recorded = st2.stubs().lastExecution();
		assertThat(recorded.id()).isEqualTo(id);
		assertThat(recorded.aliasRef()).isEqualTo("examples.remote_shell_cmd");
		assertThat(recorded.sourceContext()).isEqualTo(sourceContext);
		assertThat(recorded.notificationRoute()).isEqualTo("chatops-gateway");
	}

	@Test
	void executeAliasWhenDefaultsAndCastsShouldAnswerTypedParameters() {
		Map<String, Object> list = map(
				execute("st2_executions_list", "st2 list {{ limit=10 }} executions", "st2 list executions", null, null)
					.object()
					.get("execution"));
		Map<String, Object> install = map(
				execute("pack_install", "pack install {{ packs }}", "pack install aws, github", null, null).object()
					.get("execution"));
		Map<String, Object> ping = map(
				execute("ping", "ping {{ host }}", "ping example.com count=3", null, null).object().get("execution"));
		assertThat(list.get("parameters")).isEqualTo(Map.of("limit", 10));
		assertThat(install.get("parameters")).isEqualTo(Map.of("packs", List.of("aws", "github")));
		assertThat(ping.get("parameters")).isEqualTo(Map.of("host", "example.com", "count", 3));
	}

	@Test
	void executeAliasWhenAckDisabledWithoutFormatShouldAnswerNoMessage() {
		Response response = execute("pack_get", "pack get {{ pack }}", "pack get aws", null, null);
		assertThat(response.status()).isEqualTo(201);
		assertThat(response.object()).doesNotContainKeys("message", "extra");
	}

	@Test
	void executeAliasWhenRejectedShouldAnswerSt2Faultstrings() {
		assertFault(execute("nope", "x", "x", null, null), 404, "Unable to identify action alias with name \"nope\".");
		assertFault(
				execute("create_jira_issue", "JIRA summary {{summary}} description {{description}} type {{type}}",
						"JIRA summary a description b type c", null, null),
				400, "Action alias with name \"create_jira_issue\" is disabled.");
		assertFault(execute("ping", "ping {{host}}", "ping example.com", null, null), 400,
				"Format string \"ping {{host}}\" is not available on the alias \"ping\"");
		assertFault(execute("pack_get", "pack get {{ pack }}", "pack show aws", null, null), 400,
				"Command \"pack show aws\" doesn't match format string \"pack get {{ pack }}\"");
		assertFault(execute("ping", "ping {{ host }}", "ping example.com count=many", null, null), 400,
				"Failed to cast value \"many\" (type: str) for parameter \"count\" of type \"integer\": "
						+ "invalid literal for int() with base 10: 'many'. Perhaps the value is of an invalid type?");
		assertFault(execute("ping", "ping {{ host }}", "ping example.com cmd=reboot", null, null), 400,
				"Override of immutable parameter(s) ['cmd'] is unsupported.");
		assertFault(apiCall("POST", "/api/v1/aliasexecution", "{\"name\": \"ping\"}"), 400,
				"'format' is a required property");
		assertFault(
				apiCall("POST", "/api/v1/aliasexecution",
						"{\"name\": \"ping\", \"format\": \"ping {{ host }}\", \"command\": \"ping a\", "
								+ "\"source_channel\": \"c\", \"text\": \"ping a\"}"),
				400, "Additional properties are not allowed ('text' was unexpected)");
		assertThat(st2.stubs().executions()).isEmpty();
	}

	// executions

	@Test
	void getExecutionWhenNotCompletedYetShouldBeRunning() {
		st2.stubs().setCompletionDelay(Duration.ofHours(1));
		String id = executionId(
				execute("remote_shell_cmd", "run {{cmd}} on {{hosts}}", "run date on web01", null, null));
		Map<String, Object> running = apiCall("GET", "/api/v1/executions/" + id, null).object();
		assertThat(running.get("status")).isEqualTo("running");
		assertThat(running).doesNotContainKeys("result", "end_timestamp", "elapsed_seconds");
		assertThat(statuses(running)).containsExactly("requested", "scheduled", "running");
	}

	@Test
	void getExecutionWhenDelayPassedShouldSucceedWithResult() {
		String id = executionId(
				execute("remote_shell_cmd", "run {{cmd}} on {{hosts}}", "run date on web01", null, null));
		Map<String, Object> done = poll(() -> apiCall("GET", "/api/v1/executions/" + id, null),
				(response) -> "succeeded".equals(response.object().get("status")), Duration.ofSeconds(5))
			.object();
		assertThat((String) done.get("end_timestamp")).matches(TIMESTAMP);
		assertThat(((Number) done.get("elapsed_seconds")).doubleValue()).isCloseTo(0.2, within(0.001));
		Map<String, Object> web01 = map(map(done.get("result")).get("web01"));
		assertThat(web01).containsEntry("return_code", 0).containsEntry("succeeded", true);
		assertThat((String) web01.get("stdout")).endsWith(" UTC");
		assertThat(statuses(done)).containsExactly("requested", "scheduled", "running", "succeeded");
	}

	@Test
	void getExecutionWhenResultSetByTestShouldFail() {
		st2.stubs().setResult("core.remote", "failed", Map.of("web01", Map.of("stderr", "boom", "succeeded", false)));
		String id = executionId(
				execute("remote_shell_cmd", "run {{cmd}} on {{hosts}}", "run date on web01", null, null));
		Map<String, Object> done = poll(() -> apiCall("GET", "/api/v1/executions/" + id, null),
				(response) -> !"running".equals(response.object().get("status")), Duration.ofSeconds(5))
			.object();
		assertThat(done.get("status")).isEqualTo("failed");
	}

	@Test
	void getExecutionWhenUnknownShouldAnswer404() {
		assertFault(apiCall("GET", "/api/v1/executions/5f3d1c2b9a8e7d6c5b4a3921", null), 404,
				"Unable to identify resource with id \"5f3d1c2b9a8e7d6c5b4a3921\".");
	}

	@Test
	void requestWhenUnknownPathShouldAnswerSt2NotFound() {
		assertFault(apiCall("GET", "/api/v1/nothing", null), 404, "The resource could not be found.");
	}

	// notifications

	@Test
	void completionShouldPostFormattedResultToGateway() throws IOException {
		Map<String, Object> sourceContext = Map.of("platform", "slack", "channel", "C024BE91L", "user", "U2147483697");
		String id = executionId(execute("remote_shell_cmd", "run {{cmd}} on {{hosts}}", "run date on web01",
				sourceContext, "chatops-gateway"));
		PostedNotification notification = st2.stubs().awaitNotification(id, Duration.ofSeconds(5));
		assertThat(notification.delivered()).isTrue();
		assertThat(notification.statuses()).containsExactly(202);
		assertThat(notification.message()).startsWith(
				"Ran command *date* on *1* hosts.\n\nDetails are as follows:\n" + "Host: *web01*\n    ---> stdout: ");
		Map<String, Object> expectedBody = new LinkedHashMap<>();
		expectedBody.put("message", notification.message());
		expectedBody.put("channel", "slack:C024BE91L");
		expectedBody.put("user", "alice");
		expectedBody.put("whisper", false);
		expectedBody.put("extra", Map.of());
		expectedBody.put("context", sourceContext);
		gateway.verify(1,
				postRequestedFor(urlPathEqualTo(NOTIFICATIONS))
					.withHeader("Authorization", equalTo("Bearer relay-secret"))
					.withHeader("Idempotency-Key", equalTo(id))
					.withHeader("Content-Type", equalTo("application/json"))
					.withRequestBody(equalToJson(json.writeValueAsString(expectedBody))));
	}

	@Test
	void completionWhenAliasHasNoResultFormatShouldPostDefaultTemplate() {
		String id = executionId(execute("st2_executions_get", "st2 get execution {{ id }}",
				"st2 get execution 66a0f4c2e4b0a1d2c3f40011", null, "chatops-gateway"));
		PostedNotification notification = st2.stubs().awaitNotification(id, Duration.ofSeconds(5));
		assertThat(notification.message()).startsWith("\nAction st2.executions.get completed.\nstatus : succeeded\n"
				+ "execution: " + id + "\n\nweb_url: " + st2.url() + "/#/history/" + id + "/general\n");
		assertThat(notification.body()).doesNotContainKey("context");
	}

	@Test
	void completionWhenResultExtraShouldPostRenderedExtra() {
		String id = executionId(execute("st2_rules_enable", "st2 enable rule {{ name }} from pack {{ pack }}",
				"st2 enable rule notify from pack chatops", null, "chatops-gateway"));
		PostedNotification notification = st2.stubs().awaitNotification(id, Duration.ofSeconds(5));
		assertThat(notification.body().get("extra")).isEqualTo(Map.of("slack", Map.of("color", "#219939")));
		assertThat(notification.message()).isEqualTo(
				"Enabled: chatops.notify (core.st2.generic.notifytrigger -> chatops.post_result) - Enabled from chat\n");
	}

	@Test
	void completionWhenGatewayAnswers503ShouldRetry() {
		gateway.resetAll();
		gateway.stubFor(post(urlPathEqualTo(NOTIFICATIONS)).inScenario("retry")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("recovered"));
		gateway.stubFor(post(urlPathEqualTo(NOTIFICATIONS)).inScenario("retry")
			.whenScenarioStateIs("recovered")
			.willReturn(aResponse().withStatus(202)));
		String id = executionId(execute("ping", "ping {{ host }}", "ping example.com", null, "chatops-gateway"));
		PostedNotification notification = st2.stubs().awaitNotification(id, Duration.ofSeconds(5));
		assertThat(notification.statuses()).containsExactly(503, 202);
		assertThat(notification.delivered()).isTrue();
		gateway.verify(2, postRequestedFor(urlPathEqualTo(NOTIFICATIONS)).withHeader("Idempotency-Key", equalTo(id)));
	}

	@Test
	void completionWhenGatewayHasNoEndpointShouldGiveUpAtOnce() {
		gateway.resetAll();
		String id = executionId(execute("ping", "ping {{ host }}", "ping example.com", null, "chatops-gateway"));
		PostedNotification notification = st2.stubs().awaitNotification(id, Duration.ofSeconds(5));
		assertThat(notification.statuses()).containsExactly(404);
		assertThat(notification.delivered()).isFalse();
	}

	@Test
	void completionWhenGatewayUnreachableShouldRetryThenGiveUp() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		st2.stubs().notifyGatewayAt("http://localhost:" + closedPort, RELAY_TOKEN);
		String id = executionId(execute("ping", "ping {{ host }}", "ping example.com", null, "chatops-gateway"));
		PostedNotification notification = st2.stubs().awaitNotification(id, Duration.ofSeconds(5));
		assertThat(notification.statuses()).containsExactly(0, 0, 0);
		assertThat(notification.delivered()).isFalse();
	}

	@Test
	void completionWhenRouteIsNotTheRulesShouldPostNothing() {
		String other = executionId(execute("ping", "ping {{ host }}", "ping example.com", null, "hubot"));
		String none = executionId(execute("ping", "ping {{ host }}", "ping example.com", null, null));
		String control = executionId(execute("ping", "ping {{ host }}", "ping example.org", null, "chatops-gateway"));
		st2.stubs().awaitNotification(control, Duration.ofSeconds(5));
		assertThat(st2.stubs().notifications()).extracting(PostedNotification::executionId)
			.containsExactly(control)
			.doesNotContain(other, none);
	}

	@Test
	void completionWhenAliasDisablesResultShouldPostNothing() {
		Map<String, Object> quiet = new LinkedHashMap<>();
		quiet.put("name", "quiet_ping");
		quiet.put("pack", "tests");
		quiet.put("action_ref", "networking_utils.ping");
		quiet.put("formats", List.of("quiet ping {{ host }}"));
		quiet.put("result", Map.of("enabled", false));
		st2.stubs().addAliases(List.of(quiet));
		String disabled = executionId(
				execute("quiet_ping", "quiet ping {{ host }}", "quiet ping example.com", null, "chatops-gateway"));
		String control = executionId(execute("ping", "ping {{ host }}", "ping example.org", null, "chatops-gateway"));
		st2.stubs().awaitNotification(control, Duration.ofSeconds(5));
		assertThat(st2.stubs().notifications()).extracting(PostedNotification::executionId)
			.containsExactly(control)
			.doesNotContain(disabled);
		assertThat(apiCall("GET", "/api/v1/actionalias/tests.quiet_ping", null).object()).containsEntry("uid",
				"action_alias:tests:quiet_ping");
	}

	@Test
	void configureGatewayShouldSetWhereResultsGo() {
		Response response = call("PUT", "/__simulator/gateway",
				"{\"url\": \"http://localhost:18080\", \"relay_token\": \"t\", \"route\": \"chatops-gateway\"}");
		assertThat(response.status()).isEqualTo(204);
		assertThat(st2.stubs().gatewayUrl()).contains("http://localhost:18080");
	}

	@Test
	void everySampleAliasShouldCompleteAndPostItsResult() {
		List<String[]> samples = List.of(
				new String[] { "st2_executions_list", "st2 list {{ limit=10 }} executions with status {{ status }}",
						"st2 list 5 executions with status failed" },
				new String[] { "st2_executions_get", "st2 show execution {{ id }}", "st2 show execution 66a0f4c2" },
				new String[] { "st2_actions_list", "st2 list {{ limit=10 }} actions from {{ pack }}",
						"st2 list actions from core" },
				new String[] { "st2_rules_list", "st2 list {{ limit=10 }} rules", "st2 list 3 rules" },
				new String[] { "st2_rules_enable", "st2 enable rule {{ name }} from pack {{ pack }}",
						"st2 enable rule notify from pack chatops" },
				new String[] { "ping", "ping {{ host }} count {{ count }}", "ping unreachable.example count 2" },
				new String[] { "pack_install", "pack install {{ packs }}", "pack install missing" },
				new String[] { "pack_search", "pack search {{ query }}", "pack search aws" },
				new String[] { "remote_shell_cmd", "run {{cmd}} on {{hosts}}", "run \"uptime\" on web01, fail01" });
		List<String> ids = new ArrayList<>();
		for (String[] sample : samples) {
			Response response = execute(sample[0], sample[1], sample[2], null, "chatops-gateway");
			assertThat(response.status()).as(sample[2]).isEqualTo(201);
			ids.add(executionId(response));
		}
		for (String id : ids) {
			PostedNotification notification = st2.stubs().awaitNotification(id, Duration.ofSeconds(5));
			assertThat(notification.delivered()).isTrue();
			assertThat(notification.message()).isNotBlank();
		}
		assertThat(st2.stubs().executions()).extracting(SimulatedExecution::outcome)
			.containsExactly("succeeded", "succeeded", "succeeded", "succeeded", "succeeded", "failed", "failed",
					"succeeded", "failed");
	}

	// helpers

	private static Response execute(String name, String format, String command, Map<String, Object> sourceContext,
			String route) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", name);
		body.put("format", format);
		body.put("command", command);
		body.put("user", "alice");
		body.put("source_channel", "slack:C024BE91L");
		if (sourceContext != null) {
			body.put("source_context", sourceContext);
		}
		if (route != null) {
			body.put("notification_route", route);
		}
		return call("POST", "/api/v1/aliasexecution", json.writeValueAsString(body), "X-Auth-Token", token());
	}

	private static String executionId(Response response) {
		assertThat(response.status()).as(response.text()).isEqualTo(201);
		return (String) map(response.object().get("execution")).get("id");
	}

	private static String token() {
		Response response = call("POST", "/auth/v1/tokens", null, "Authorization", basic("st2admin", "Ch@ngeMe"));
		return (String) response.object().get("token");
	}

	private static Response apiCall(String method, String path, String body) {
		return call(method, path, body, "St2-Api-Key", SimulatorSettings.DEFAULT_API_KEY);
	}

	private static void assertFault(Response response, int status, String faultstring) {
		assertThat(response.status()).as(response.text()).isEqualTo(status);
		assertThat(response.faultstring()).isEqualTo(faultstring);
	}

	private static List<String> refs(Response response) {
		return response.list().stream().map((alias) -> (String) alias.get("ref")).toList();
	}

	private static List<Object> statuses(Map<String, Object> execution) {
		List<Object> statuses = new ArrayList<>();
		for (Object entry : (List<?>) execution.get("log")) {
			statuses.add(map(entry).get("status"));
		}
		return statuses;
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private static Response poll(java.util.function.Supplier<Response> call, Predicate<Response> until,
			Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		Response response = call.get();
		while (!until.test(response)) {
			assertThat(Instant.now()).as("waiting for %s", response.text()).isBefore(deadline);
			try {
				Thread.sleep(25);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			response = call.get();
		}
		return response;
	}

	private static Response call(String method, String path, String body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(st2.url() + path))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		try {
			return new Response(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	record Response(HttpResponse<String> http) {

		int status() {
			return this.http.statusCode();
		}

		String header(String name) {
			return this.http.headers().firstValue(name).orElse(null);
		}

		String text() {
			return this.http.body();
		}

		Map<String, Object> object() {
			return map(json.readValue(this.http.body(), Object.class));
		}

		@SuppressWarnings("unchecked")
		List<Map<String, Object>> list() {
			return (List<Map<String, Object>>) json.readValue(this.http.body(), List.class);
		}

		String faultstring() {
			return (String) object().get("faultstring");
		}

	}

}
