package io.github.st2chatops.gateway.st2;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.st2chatops.gateway.support.MutableClock;
import io.github.st2chatops.gateway.support.St2WireMock;
import io.github.st2chatops.gateway.support.StubServer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.github.st2chatops.gateway.support.St2WireMock.TOKEN_1;
import static io.github.st2chatops.gateway.support.St2WireMock.TOKEN_2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link St2Client} and {@link St2TokenProvider} against a WireMock st2, each test in a
 * fresh context.
 */
class St2ClientIntegrationTests {

	private static final String API_KEY = "ZmE3YjM0NDk5NmI1NGM1NWI3NWI4ZTI3MTQ3YzUxYjQ";

	private static final String USER_TOKEN = "5e86421776f946e98faea36c29e5a7c7";

	private static final String PASSWORD = "Ch@ngeMe-s3cr3t";

	private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

	@RegisterExtension
	static final StubServer st2 = StubServer.st2(options().containerThreads(80)).resettingBeforeEach();

	private final MutableClock clock = MutableClock.at(NOW);

	private ApplicationContextRunner runner(String... properties) {
		return new ApplicationContextRunner().withBean("testClock", Clock.class, () -> this.clock)
			.withUserConfiguration(St2TestConfiguration.class)
			// generous for a loaded machine; the read-timeout test sets its own
			.withPropertyValues("gateway.st2.url=" + st2.baseUrl(), "gateway.st2.read-timeout=5s",
					"gateway.st2.connect-timeout=1s", "gateway.st2.retry.delay=1ms")
			.withPropertyValues(properties);
	}

	private void withClient(String[] properties, Consumer<AssertableApplicationContext> test) {
		runner(properties).run((context) -> {
			assertThat(context).hasNotFailed();
			test.accept(context);
		});
	}

	/**
	 * Makes one call through a client that uses the API key, and returns what it threw
	 * (failing unless it threw an exception of the given type).
	 */
	private <E extends Throwable> E thrownWithApiKey(Class<E> type, Consumer<St2Client> call) {
		List<E> thrown = new ArrayList<>();
		withClient(apiKey(), (context) -> thrown
			.add(catchThrowableOfType(type, () -> call.accept(context.getBean(St2Client.class)))));
		assertThat(thrown.get(0)).as("what the call threw").isInstanceOf(type);
		return thrown.get(0);
	}

	private static St2Execution getExecution(St2Client client) {
		return client.getExecution("5f1d2e3c4b5a697887766554");
	}

	private static String[] apiKey() {
		return new String[] { "gateway.st2.api-key=" + API_KEY };
	}

	private static String[] password(String... more) {
		List<String> properties = new ArrayList<>(
				List.of("gateway.st2.username=chatops_bot", "gateway.st2.password=" + PASSWORD));
		properties.addAll(List.of(more));
		return properties.toArray(String[]::new);
	}

	private static void stubExecution() {
		st2.stubFor(get("/api/v1/executions/5f1d2e3c4b5a697887766554")
			.willReturn(St2WireMock.fixture(200, "execution-5f1.json")));
	}

	@Test
	void getExecutionWhenApiKeyShouldSendSt2ApiKeyHeaderOnly() {
		stubExecution();
		withClient(apiKey(), (context) -> {
			St2Execution execution = context.getBean(St2Client.class).getExecution("5f1d2e3c4b5a697887766554");
			assertThat(execution.status()).isEqualTo("succeeded");
			assertThat(execution.webUrl()).contains("/#/history/5f1d2e3c4b5a697887766554");
			st2.verify(getRequestedFor(urlEqualTo("/api/v1/executions/5f1d2e3c4b5a697887766554"))
				.withHeader("St2-Api-Key", equalTo(API_KEY))
				.withHeader("X-Auth-Token", absent())
				.withHeader("X-Request-ID", matching("[0-9a-f-]{36}")));
			st2.verify(0, postRequestedFor(urlPathEqualTo("/auth/v1/tokens")));
		});
	}

	@Test
	void getExecutionWhenAuthTokenShouldSendXAuthTokenHeader() {
		stubExecution();
		withClient(new String[] { "gateway.st2.auth-token=" + USER_TOKEN }, (context) -> {
			context.getBean(St2Client.class).getExecution("5f1d2e3c4b5a697887766554");
			st2.verify(getRequestedFor(urlEqualTo("/api/v1/executions/5f1d2e3c4b5a697887766554"))
				.withHeader("X-Auth-Token", equalTo(USER_TOKEN))
				.withHeader("St2-Api-Key", absent()));
		});
	}

	@Test
	void getExecutionWhenPasswordShouldRequestTokenWithBasicAuthAndTtl() {
		stubExecution();
		st2.stubFor(post("/auth/v1/tokens").willReturn(St2WireMock.token(TOKEN_1, NOW.plus(Duration.ofHours(24)))));
		withClient(password("gateway.st2.ttl=3600"), (context) -> {
			St2TokenProvider tokens = context.getBean(St2TokenProvider.class);
			context.getBean(St2Client.class).getExecution("5f1d2e3c4b5a697887766554");
			st2.verify(1,
					postRequestedFor(urlEqualTo("/auth/v1/tokens"))
						.withHeader("Authorization", equalTo("Basic Y2hhdG9wc19ib3Q6Q2hAbmdlTWUtczNjcjN0"))
						.withHeader("Content-Type", matching("application/json.*"))
						.withRequestBody(equalToJson("{\"ttl\": 3600}")));
			st2.verify(getRequestedFor(urlEqualTo("/api/v1/executions/5f1d2e3c4b5a697887766554"))
				.withHeader("X-Auth-Token", equalTo(TOKEN_1)));
			assertThat(tokens.tokenExpiry()).contains(NOW.plus(Duration.ofHours(24)));
			assertThat(tokens.currentHeader()).hasToString("St2AuthHeader[name=X-Auth-Token, value=******]");
		});
	}

	@Test
	void callWhenTokenNearsExpiryShouldRenewBeforeIt() {
		stubExecution();
		stubTokenThen(Duration.ofHours(1), St2WireMock.token(TOKEN_2, NOW.plus(Duration.ofHours(2))));
		withClient(password(), (context) -> {
			// 1 h lifetime: 10% is 6 min, so no renewal 53 min later, but one 55 min
			// later,
			// before st2 would refuse it
			assertRenewsOnlyAfter(context.getBean(St2Client.class), Duration.ofMinutes(53), Duration.ofMinutes(2));
			st2.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/executions/5f1d2e3c4b5a697887766554"))
				.withHeader("X-Auth-Token", equalTo(TOKEN_2)));
		});
	}

	@Test
	void callWhenShortTokenShouldRenewAtLeastSixtySecondsEarly() {
		stubExecution();
		st2.stubFor(post("/auth/v1/tokens").willReturn(St2WireMock.token(TOKEN_1, NOW.plus(Duration.ofMinutes(5)))));
		withClient(password(), (context) -> assertRenewsOnlyAfter(context.getBean(St2Client.class),
				Duration.ofSeconds(239), Duration.ofSeconds(1)));
	}

	@Test
	void callWhenRenewalFailsBeforeExpiryShouldKeepUsingTokenAndRetryLater() {
		stubExecution();
		stubTokenThen(Duration.ofHours(1), St2WireMock.fault(503, "Service Unavailable"));
		withClient(password(), (context) -> {
			St2Client client = context.getBean(St2Client.class);
			client.getExecution("5f1d2e3c4b5a697887766554");
			this.clock.advance(Duration.ofMinutes(58));
			client.getExecution("5f1d2e3c4b5a697887766554");
			client.getExecution("5f1d2e3c4b5a697887766554");
			st2.verify(2, postRequestedFor(urlEqualTo("/auth/v1/tokens")));
			st2.verify(3, getRequestedFor(urlPathEqualTo("/api/v1/executions/5f1d2e3c4b5a697887766554"))
				.withHeader("X-Auth-Token", equalTo(TOKEN_1)));
			this.clock.advance(Duration.ofSeconds(5));
			client.getExecution("5f1d2e3c4b5a697887766554");
			st2.verify(3, postRequestedFor(urlEqualTo("/auth/v1/tokens")));
			// once expired, st2's auth being down is st2 being down
			this.clock.advance(Duration.ofMinutes(2));
			assertThatExceptionOfType(St2UnavailableException.class)
				.isThrownBy(() -> client.getExecution("5f1d2e3c4b5a697887766554"))
				.satisfies((ex) -> assertThat(ex.requestMayHaveReachedSt2()).isFalse());
		});
	}

	@Test
	void callWhenSt2Answers401ShouldRenewOnceAndReplay() {
		stubTwoTokensFirstRefused();
		withClient(password(), (context) -> {
			St2Execution execution = context.getBean(St2Client.class).getExecution("5f1d2e3c4b5a697887766554");
			assertThat(execution.id()).isEqualTo("5f1d2e3c4b5a697887766554");
			st2.verify(2, postRequestedFor(urlEqualTo("/auth/v1/tokens")));
			st2.verify(2, getRequestedFor(urlPathEqualTo("/api/v1/executions/5f1d2e3c4b5a697887766554")));
		});
	}

	@Test
	void callWhen401PersistsAfterRenewalShouldThrowAuthenticationWithoutLooping() {
		stubTwoTokens();
		st2.stubFor(get("/api/v1/executions/5f1d2e3c4b5a697887766554")
			.willReturn(St2WireMock.fault(401, "Unauthorized - Token has expired.")));
		withClient(password(), (context) -> {
			assertThatExceptionOfType(St2AuthenticationException.class)
				.isThrownBy(() -> context.getBean(St2Client.class).getExecution("5f1d2e3c4b5a697887766554"))
				.withMessageContaining("Token has expired")
				.satisfies((ex) -> assertThat(ex.requestId()).isNotBlank());
			st2.verify(2, postRequestedFor(urlEqualTo("/auth/v1/tokens")));
			st2.verify(2, getRequestedFor(urlPathEqualTo("/api/v1/executions/5f1d2e3c4b5a697887766554")));
		});
	}

	@Test
	void callWhenPasswordRefusedShouldThrowAuthenticationNamingProperties() {
		st2.stubFor(post("/auth/v1/tokens").willReturn(St2WireMock.fault(401, "Invalid or missing credentials")));
		withClient(password(), (context) -> {
			assertThatExceptionOfType(St2AuthenticationException.class)
				.isThrownBy(() -> context.getBean(St2Client.class).getExecution("5f1d2e3c4b5a697887766554"))
				.withMessageContaining("gateway.st2.username/gateway.st2.password")
				.withMessageContaining("Invalid or missing credentials")
				.withMessageNotContaining(PASSWORD);
			st2.verify(1, postRequestedFor(urlEqualTo("/auth/v1/tokens")));
			st2.verify(0, getRequestedFor(urlPathEqualTo("/api/v1/executions/5f1d2e3c4b5a697887766554")));
		});
	}

	@Test
	void callWhenFiftyRequestsMeetExpiredTokenShouldRequestOneToken() throws Exception {
		stubExecution();
		stubTokenThen(Duration.ofHours(1),
				St2WireMock.token(TOKEN_2, NOW.plus(Duration.ofHours(3))).withFixedDelay(200));
		withClient(password(), (context) -> {
			St2Client client = context.getBean(St2Client.class);
			client.getExecution("5f1d2e3c4b5a697887766554");
			st2.verify(1, postRequestedFor(urlEqualTo("/auth/v1/tokens")));
			this.clock.advance(Duration.ofHours(2));
			runConcurrently(50, () -> client.getExecution("5f1d2e3c4b5a697887766554"));
			st2.verify(2, postRequestedFor(urlEqualTo("/auth/v1/tokens")));
			st2.verify(50, getRequestedFor(urlPathEqualTo("/api/v1/executions/5f1d2e3c4b5a697887766554"))
				.withHeader("X-Auth-Token", equalTo(TOKEN_2)));
		});
	}

	@Test
	void callWhenFiftyRequestsMeet401ShouldRenewOnce() throws Exception {
		stubTwoTokensFirstRefused();
		withClient(password(), (context) -> {
			St2TokenProvider tokens = context.getBean(St2TokenProvider.class);
			St2Client client = context.getBean(St2Client.class);
			tokens.currentHeader();
			runConcurrently(50, () -> client.getExecution("5f1d2e3c4b5a697887766554"));
			st2.verify(2, postRequestedFor(urlEqualTo("/auth/v1/tokens")));
		});
	}

	@Test
	void callWhenAuthTokenRefusedShouldThrowAuthenticationAndMarkHealthDown() {
		st2.stubFor(get(urlPathEqualTo("/api/v1/actionalias"))
			.willReturn(St2WireMock.fault(401, "Unauthorized - Token has expired.")));
		withClient(new String[] { "gateway.st2.auth-token=" + USER_TOKEN }, (context) -> {
			assertThatExceptionOfType(St2AuthenticationException.class)
				.isThrownBy(() -> context.getBean(St2Client.class).listActionAliases());
			Health health = context.getBean(St2HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("authMode", "auth-token")
				.containsEntry("authenticated", false);
			assertThat((String) health.getDetails().get("reason")).contains("gateway.st2.auth-token")
				.contains("cannot be renewed")
				.doesNotContain(USER_TOKEN);
			st2.verify(0, postRequestedFor(urlPathEqualTo("/auth/v1/tokens")));
		});
	}

	@Test
	void callWhenSt2EchoesUnknownApiKeyShouldNotRepeatIt() {
		st2.stubFor(get(urlPathEqualTo("/api/v1/actionalias"))
			.willReturn(St2WireMock.fault(401, "Unauthorized - ApiKey with key or id=" + API_KEY + " not found.")));
		assertThat(thrownWithApiKey(St2AuthenticationException.class, St2Client::listActionAliases))
			.hasMessageContaining("ApiKey with key or id=****** not found")
			.hasMessageNotContaining(API_KEY);
	}

	@Test
	void listActionAliasesWhenSeveralPagesShouldFollowXTotalCount() {
		for (int offset = 0; offset < 250; offset += 100) {
			st2.stubFor(get("/api/v1/actionalias?limit=100&offset=" + offset)
				.willReturn(St2WireMock.aliasPage(offset, Math.min(offset + 100, 250), 250, 100)));
		}
		withClient(apiKey(), (context) -> {
			List<St2ActionAlias> aliases = context.getBean(St2Client.class).listActionAliases();
			assertThat(aliases).hasSize(250);
			assertThat(aliases.get(0).ref()).isEqualTo("examples.alias_0000");
			assertThat(aliases.get(249).ref()).isEqualTo("examples.alias_0249");
			st2.verify(3, getRequestedFor(urlPathEqualTo("/api/v1/actionalias")));
			st2.verify(0,
					getRequestedFor(urlPathEqualTo("/api/v1/actionalias")).withQueryParam("limit", equalTo("-1")));
		});
	}

	@Test
	void listActionAliasesWhenPageSizeSetShouldUseIt() {
		st2.stubFor(get("/api/v1/actionalias?limit=2&offset=0").willReturn(St2WireMock.aliasPage(0, 2, 3, 2)));
		st2.stubFor(get("/api/v1/actionalias?limit=2&offset=2").willReturn(St2WireMock.aliasPage(2, 3, 3, 2)));
		withClient(new String[] { "gateway.st2.api-key=" + API_KEY, "gateway.st2.page-size=2" },
				(context) -> assertThat(context.getBean(St2Client.class).listActionAliases()).hasSize(3)
					.extracting(St2ActionAlias::name)
					.containsExactly("alias_0000", "alias_0001", "alias_0002"));
	}

	@Test
	void getActionAliasShouldReadSt2Alias() {
		st2.stubFor(get("/api/v1/actionalias/packs.pack_install")
			.willReturn(St2WireMock.fixture(200, "actionalias-pack.install.json")));
		withClient(apiKey(), (context) -> {
			St2ActionAlias alias = context.getBean(St2Client.class).getActionAlias("packs.pack_install");
			assertThat(alias.actionRef()).isEqualTo("packs.install");
			assertThat(alias.formats()).hasSize(1);
			assertThat(alias.ack()).containsEntry("append_url", true);
		});
	}

	@Test
	void getActionAliasWhenUnknownShouldThrowNotFound() {
		st2.stubFor(get("/api/v1/actionalias/packs.nope")
			.willReturn(St2WireMock.fault(404, "Unable to identify resource with ref_or_id \\\"packs.nope\\\".")));
		assertThat(thrownWithApiKey(St2NotFoundException.class, (client) -> client.getActionAlias("packs.nope")))
			.hasMessageContaining("packs.nope");
		st2.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/actionalias/packs.nope")));
	}

	@Test
	void matchAliasShouldPostCommandAndReadMatch() {
		st2.stubFor(
				post("/api/v1/actionalias/match").withRequestBody(equalToJson("{\"command\": \"pack install aws\"}"))
					.willReturn(St2WireMock.fixture(200, "match-200.json")));
		withClient(apiKey(), (context) -> {
			St2AliasMatch match = context.getBean(St2Client.class).matchAlias("pack install aws");
			assertThat(match.actionalias().ref()).isEqualTo("packs.pack_install");
			assertThat(match.representation()).isEqualTo("pack install {{ packs }}");
			assertThat(match.display()).isEqualTo("pack install <pack>[,<pack>]");
		});
	}

	@Test
	void matchAliasWhenNothingMatchesShouldThrowRejectedWithFaultstring() {
		st2.stubFor(post("/api/v1/actionalias/match")
			.willReturn(St2WireMock.fault(400, "Command 'dance' matched no patterns")));
		St2RejectedException ex = thrownWithApiKey(St2RejectedException.class, (client) -> client.matchAlias("dance"));
		assertThat(ex.status()).isEqualTo(400);
		assertThat(ex.faultstring()).isEqualTo("Command 'dance' matched no patterns");
		assertThat(ex.requestId()).isNotBlank();
		st2.verify(1, postRequestedFor(urlEqualTo("/api/v1/actionalias/match")));
	}

	@Test
	void executeAliasShouldSendRouteAndReadAck() {
		st2.stubFor(post("/api/v1/aliasexecution").willReturn(St2WireMock.fixture(201, "aliasexecution-201.json")));
		withClient(apiKey(), (context) -> {
			St2AliasExecution result = context.getBean(St2Client.class).executeAlias(executionRequest());
			assertThat(result.execution().id()).isEqualTo("5f1d2e3c4b5a697887766554");
			assertThat(result.message()).isEqualTo("Installing pack(s) aws...");
			st2.verify(postRequestedFor(urlEqualTo("/api/v1/aliasexecution")).withRequestBody(equalToJson("""
					{"name": "pack_install", "format": "pack install {{ packs }}", "command": "pack install aws",
					 "user": "alice", "source_channel": "slack:C024BE91L",
					 "source_context": {"platform": "slack", "channel": "C024BE91L"},
					 "notification_route": "chatops-gateway"}
					""")));
		});
	}

	@Test
	void executeAliasWhenSt2CouldNotRenderAckExtraShouldStillReturnTheExecution() {
		String body = St2WireMock.read("/st2/aliasexecution-201.json")
			.replace("\"message\": \"Installing pack(s) aws...\"",
					"\"message\": \"Installing pack(s) aws...\", \"extra\": \"Cannot render \\\"extra\\\" in field \\\"ack\\\" for alias. 'x' is undefined\"");
		assertThat(body).contains("Cannot render");
		st2.stubFor(post("/api/v1/aliasexecution").willReturn(St2WireMock.json(201, body)));
		withClient(apiKey(), (context) -> {
			St2AliasExecution result = context.getBean(St2Client.class).executeAlias(executionRequest());
			assertThat(result.execution().id()).isEqualTo("5f1d2e3c4b5a697887766554");
			assertThat(result.extra()).isNull();
		});
	}

	@Test
	void executeAliasWhen503ShouldNotRetry() {
		st2.stubFor(post("/api/v1/aliasexecution").willReturn(St2WireMock.fault(503, "Service Unavailable")));
		assertThat(thrownWithApiKey(St2UnavailableException.class, (client) -> client.executeAlias(executionRequest()))
			.requestMayHaveReachedSt2()).isTrue();
		st2.verify(1, postRequestedFor(urlEqualTo("/api/v1/aliasexecution")));
	}

	@Test
	void executeAliasWhenReadTimesOutShouldNotRetry() {
		st2.stubFor(post("/api/v1/aliasexecution")
			.willReturn(St2WireMock.fixture(201, "aliasexecution-201.json").withFixedDelay(1500)));
		withClient(new String[] { "gateway.st2.api-key=" + API_KEY, "gateway.st2.read-timeout=1s" },
				(context) -> assertThatExceptionOfType(St2UnavailableException.class)
					.isThrownBy(() -> context.getBean(St2Client.class).executeAlias(executionRequest()))
					.withMessageContaining("read-timeout")
					.satisfies((ex) -> assertThat(ex.requestMayHaveReachedSt2()).isTrue()));
		st2.verify(1, postRequestedFor(urlEqualTo("/api/v1/aliasexecution")));
	}

	@Test
	void executeAliasWhenConnectionRefusedShouldReportNotReached() {
		runner(apiKey()).withPropertyValues("gateway.st2.url=http://127.0.0.1:" + closedPort()).run((context) -> {
			assertThatExceptionOfType(St2UnavailableException.class)
				.isThrownBy(() -> context.getBean(St2Client.class).executeAlias(executionRequest()))
				.withMessageContaining("connection refused")
				.satisfies((ex) -> assertThat(ex.requestMayHaveReachedSt2()).isFalse());
		});
	}

	@Test
	void getExecutionWhen503ThenOkShouldRetry() {
		st2.stubFor(get("/api/v1/executions/5f1d2e3c4b5a697887766554").inScenario("flaky")
			.whenScenarioStateIs(STARTED)
			.willReturn(St2WireMock.fault(503, "Service Unavailable"))
			.willSetStateTo("up"));
		st2.stubFor(get("/api/v1/executions/5f1d2e3c4b5a697887766554").inScenario("flaky")
			.whenScenarioStateIs("up")
			.willReturn(St2WireMock.fixture(200, "execution-5f1.json")));
		withClient(apiKey(),
				(context) -> assertThat(
						context.getBean(St2Client.class).getExecution("5f1d2e3c4b5a697887766554").status())
					.isEqualTo("succeeded"));
		st2.verify(2, getRequestedFor(urlPathEqualTo("/api/v1/executions/5f1d2e3c4b5a697887766554")));
	}

	@Test
	void getExecutionWhenProxyAnswersHtml502ShouldThrowUnavailableWithoutTheHtml() {
		st2.stubFor(get("/api/v1/executions/5f1d2e3c4b5a697887766554").willReturn(aResponse().withStatus(502)
			.withHeader("Content-Type", "text/html")
			.withBody(St2WireMock.read("/st2/proxy-502.html"))));
		assertThat(thrownWithApiKey(St2UnavailableException.class, St2ClientIntegrationTests::getExecution))
			.hasMessageContaining("502")
			.hasMessageNotContaining("<html")
			.hasMessageNotContaining("nginx")
			.hasNoCause();
		// a read: retried (max-retries 2)
		st2.verify(3, getRequestedFor(urlPathEqualTo("/api/v1/executions/5f1d2e3c4b5a697887766554")));
	}

	@Test
	void getExecutionWhenProxyAnswersHtml200ShouldThrowUnavailable() {
		st2.stubFor(get("/api/v1/executions/5f1d2e3c4b5a697887766554").willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "text/html")
			.withBody("<html><body>Please log in</body></html>")));
		assertThat(thrownWithApiKey(St2UnavailableException.class, St2ClientIntegrationTests::getExecution))
			.hasMessageNotContaining("log in")
			.hasMessageContaining("gateway.st2.url");
	}

	@Test
	void getExecutionWhenConnectionResetShouldThrowUnavailable() {
		st2.stubFor(get("/api/v1/executions/5f1d2e3c4b5a697887766554")
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		assertThat(thrownWithApiKey(St2UnavailableException.class, St2ClientIntegrationTests::getExecution))
			.isInstanceOf(St2UnavailableException.class);
	}

	@Test
	void getExecutionWhenRedirectedShouldRefuseToFollow() {
		st2.stubFor(get("/api/v1/executions/5f1d2e3c4b5a697887766554").willReturn(
				aResponse().withStatus(301).withHeader("Location", "https://elsewhere.example.com/api/v1/executions")));
		assertThat(thrownWithApiKey(St2UnavailableException.class, St2ClientIntegrationTests::getExecution))
			.hasMessageContaining("redirect");
	}

	@Test
	void callsWhenSt2KeepsFailingShouldOpenCircuitBreaker() {
		st2.stubFor(
				get(urlPathEqualTo("/api/v1/actionalias")).willReturn(St2WireMock.fault(503, "Service Unavailable")));
		withClient(apiKey(), (context) -> {
			St2Client client = context.getBean(St2Client.class);
			for (int i = 0; i < 2; i++) {
				assertThatExceptionOfType(St2UnavailableException.class).isThrownBy(client::listActionAliases);
			}
			assertThat(client.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
			int calls = st2.getAllServeEvents().size();
			assertThatExceptionOfType(St2UnavailableException.class).isThrownBy(client::listActionAliases)
				.withMessageContaining("circuit breaker st2 open")
				.satisfies((ex) -> assertThat(ex.requestMayHaveReachedSt2()).isFalse());
			assertThat(st2.getAllServeEvents()).hasSize(calls);
			Health health = context.getBean(St2HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("circuitBreaker", "OPEN");
		});
	}

	@Test
	void callsWhenSt2Rejects4xxShouldNotOpenCircuitBreaker() {
		st2.stubFor(post("/api/v1/actionalias/match")
			.willReturn(St2WireMock.fault(400, "Command 'x' matched no patterns")));
		withClient(apiKey(), (context) -> {
			St2Client client = context.getBean(St2Client.class);
			for (int i = 0; i < 10; i++) {
				assertThatExceptionOfType(St2RejectedException.class).isThrownBy(() -> client.matchAlias("x"));
			}
			assertThat(client.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		});
	}

	@Test
	void healthWhenSt2AnswersShouldBeUpAndCached() {
		st2.stubFor(get("/api/v1/actionalias?limit=1&offset=0").willReturn(St2WireMock.aliasPage(0, 1, 145, 1)));
		withClient(apiKey(), (context) -> {
			St2HealthIndicator indicator = context.getBean(St2HealthIndicator.class);
			Health health = indicator.health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("reachable", true)
				.containsEntry("authenticated", true)
				.containsEntry("authMode", "api-key");
			assertThat(health.getDetails().values()).noneMatch((value) -> String.valueOf(value).contains(API_KEY));
			indicator.health();
			st2.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/actionalias")));
			this.clock.advance(St2HealthIndicator.CACHE_FOR);
			indicator.health();
			st2.verify(2, getRequestedFor(urlPathEqualTo("/api/v1/actionalias")));
		});
	}

	@Test
	void healthWhenSt2DownShouldBeDownWithReason() {
		runner(apiKey()).withPropertyValues("gateway.st2.url=http://127.0.0.1:" + closedPort()).run((context) -> {
			Health health = context.getBean(St2HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("reachable", false);
			assertThat((String) health.getDetails().get("reason")).contains("connection refused");
		});
	}

	@Test
	void exceptionWhenSt2SendsRequestIdShouldCarryIt() {
		st2.stubFor(get("/api/v1/executions/nope").willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withHeader("X-Request-ID", "68de2f2a-6fc0-4827-9ee9-b7124553d3e8")
			.withBody("{\"faultstring\": \"Unable to identify resource with id \\\"nope\\\".\"}")));
		assertThat(thrownWithApiKey(St2NotFoundException.class, (client) -> client.getExecution("nope")).requestId())
			.isEqualTo("68de2f2a-6fc0-4827-9ee9-b7124553d3e8");
	}

	/**
	 * Calls st2 with the first token, again {@code stillValid} later without renewing it,
	 * and once more {@code renewAfter} after that, which requests the second token.
	 */
	private void assertRenewsOnlyAfter(St2Client client, Duration stillValid, Duration renewAfter) {
		client.getExecution("5f1d2e3c4b5a697887766554");
		this.clock.advance(stillValid);
		client.getExecution("5f1d2e3c4b5a697887766554");
		st2.verify(1, postRequestedFor(urlEqualTo("/auth/v1/tokens")));
		this.clock.advance(renewAfter);
		client.getExecution("5f1d2e3c4b5a697887766554");
		st2.verify(2, postRequestedFor(urlEqualTo("/auth/v1/tokens")));
	}

	/**
	 * Two tokens, and an execution that st2 refuses with the first and serves with the
	 * second.
	 */
	private void stubTwoTokensFirstRefused() {
		stubTwoTokens();
		st2.stubFor(get("/api/v1/executions/5f1d2e3c4b5a697887766554").withHeader("X-Auth-Token", equalTo(TOKEN_1))
			.willReturn(St2WireMock.fault(401, "Unauthorized - Token has expired.")));
		st2.stubFor(get("/api/v1/executions/5f1d2e3c4b5a697887766554").withHeader("X-Auth-Token", equalTo(TOKEN_2))
			.willReturn(St2WireMock.fixture(200, "execution-5f1.json")));
	}

	private void stubTwoTokens() {
		stubTokenThen(Duration.ofHours(24),
				St2WireMock.token(TOKEN_2, NOW.plus(Duration.ofHours(24))).withFixedDelay(100));
	}

	/**
	 * st2's auth service: TOKEN_1 with the given lifetime first, then the other answer
	 * for every later token request.
	 */
	private static void stubTokenThen(Duration firstLifetime, ResponseDefinitionBuilder then) {
		st2.stubFor(post("/auth/v1/tokens").inScenario("tokens")
			.whenScenarioStateIs(STARTED)
			.willReturn(St2WireMock.token(TOKEN_1, NOW.plus(firstLifetime)))
			.willSetStateTo("first issued"));
		st2.stubFor(post("/auth/v1/tokens").inScenario("tokens").whenScenarioStateIs("first issued").willReturn(then));
	}

	static St2AliasExecutionRequest executionRequest() {
		return new St2AliasExecutionRequest("pack_install", "pack install {{ packs }}", "pack install aws", "alice",
				"slack:C024BE91L", Map.of("platform", "slack", "channel", "C024BE91L"), null);
	}

	static int closedPort() {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	static void runConcurrently(int threads, Runnable task) {
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> futures = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				futures.add(executor.submit(() -> {
					start.await();
					task.run();
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get();
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(St2Properties.class)
	@Import(St2Configuration.class)
	static class St2TestConfiguration {

		/**
		 * The {@code st2} instance of application.yaml, with a window small enough for a
		 * test.
		 */
		@Bean
		@Primary
		CircuitBreakerRegistry testCircuitBreakerRegistry() {
			return CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
				.slidingWindowSize(6)
				.minimumNumberOfCalls(6)
				.failureRateThreshold(50)
				.waitDurationInOpenState(Duration.ofMinutes(1))
				.recordExceptions(St2UnavailableException.class)
				.build());
		}

	}

}
