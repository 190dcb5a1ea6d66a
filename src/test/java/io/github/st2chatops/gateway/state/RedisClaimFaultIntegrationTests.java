package io.github.st2chatops.gateway.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

import io.github.st2chatops.gateway.GatewayApplication;
import io.github.st2chatops.gateway.alias.AliasCatalogSynchronizer;
import io.github.st2chatops.gateway.chat.HmacSha256;
import io.github.st2chatops.gateway.support.GatewayHttp;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Claims whose write times out (issue 23, item 1): two replicas on a real redis-server
 * that is frozen with {@code DEBUG SLEEP} while notifications with an
 * {@code Idempotency-Key}, signed generic webhooks and Teams activities arrive. Each is
 * answered 503 while Redis sleeps, Redis then applies the late claim writes, and the
 * resend after Redis is back must run or post exactly once: counted in WireMock's st2 and
 * chat stubs.
 */
class RedisClaimFaultIntegrationTests {

	static final String SECRET = "generic-secret-for-fault-tests-0123";

	static final byte[] TEAMS_KEY = "teams-key-for-fault-tests-0123456".getBytes(StandardCharsets.UTF_8);

	static final String RELAY_TOKEN = "relay-token-for-fault-tests-0123456";

	static final String KEY_PREFIX = "fault-" + UUID.randomUUID() + ":";

	/** Each kind of request, sent this many times (each different) while Redis sleeps. */
	static final int EACH = 3;

	static int redisPort;

	static RedisServer redis;

	static final WireMockServer st2 = new WireMockServer(options().dynamicPort());

	static final WireMockServer chat = new WireMockServer(options().dynamicPort());

	static ConfigurableApplicationContext replicaA;

	static ConfigurableApplicationContext replicaB;

	static GatewayHttp httpA;

	static GatewayHttp httpB;

	@BeforeAll
	static void startReplicas() throws IOException {
		redisPort = freePort();
		redis = new RedisServer(redisPort);
		redis.start();
		st2.start();
		chat.start();
		stubSt2();
		chat.stubFor(post("/callback").willReturn(ok()));
		chat.stubFor(post("/teams-workflow").willReturn(aResponse().withStatus(202)));
		replicaA = startReplica();
		replicaB = startReplica();
		httpA = new GatewayHttp(port(replicaA));
		httpB = new GatewayHttp(port(replicaB));
	}

	@AfterAll
	static void stopReplicas() throws IOException {
		for (ConfigurableApplicationContext replica : new ConfigurableApplicationContext[] { replicaA, replicaB }) {
			if (replica != null) {
				replica.close();
			}
		}
		st2.stop();
		chat.stop();
		if (redis != null && redis.isActive()) {
			redis.stop();
		}
	}

	@Test
	void requestsRefusedWhileRedisSleepsShouldRunOnceWhenSentAgain() throws Exception {
		// warm up: both replicas have their Redis connection and scripts loaded
		for (GatewayHttp http : List.of(httpA, httpB)) {
			String warm = "warm-" + UUID.randomUUID();
			await().atMost(Duration.ofSeconds(15))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> push(http, notification(warm), warm).status() == 202);
		}
		String timestamp = Long.toString(Instant.now().getEpochSecond());
		List<Supplier<GatewayHttp.Response>> first = new ArrayList<>();
		List<Supplier<GatewayHttp.Response>> again = new ArrayList<>();
		List<Supplier<GatewayHttp.Response>> third = new ArrayList<>();
		String run = UUID.randomUUID().toString().substring(0, 8);
		for (int i = 0; i < EACH; i++) {
			String key = "st2-" + run + "-" + i;
			String body = notification("note-" + run + "-" + i);
			first.add(() -> push(httpA, body, key));
			again.add(() -> push(httpB, body, key));
			third.add(() -> push(httpA, body, key));
			byte[] generic = generic("fault-" + run + "-" + i);
			first.add(() -> sendGeneric(httpB, generic, timestamp));
			again.add(() -> sendGeneric(httpA, generic, timestamp));
			third.add(() -> sendGeneric(httpB, generic, timestamp));
			byte[] activity = teams("act" + run + i, "msg" + run + i);
			first.add(() -> sendTeams(httpA, activity));
			again.add(() -> sendTeams(httpB, activity));
			third.add(() -> sendTeams(httpA, activity));
		}

		ExecutorService senders = Executors.newFixedThreadPool(first.size());
		try (Socket sleeper = new Socket("localhost", redisPort)) {
			send(sleeper, "DEBUG", "SLEEP", "3");
			awaitRedisAsleep();
			List<CompletableFuture<GatewayHttp.Response>> sent = first.stream()
				.map((request) -> CompletableFuture.supplyAsync(request, senders))
				.toList();
			for (CompletableFuture<GatewayHttp.Response> response : sent) {
				assertThat(response.get().status()).as("refused while Redis sleeps").isEqualTo(503);
				assertThat(response.get().header("Retry-After")).isNotBlank();
			}
			// Redis wakes up and applies the claim writes that timed out
			sleeper.setSoTimeout(10_000);
			assertThat(readLine(sleeper.getInputStream())).isEqualTo("+OK");
		}
		finally {
			senders.shutdown();
		}
		st2.verify(0, postRequestedFor(urlEqualTo("/api/v1/aliasexecution"))
			.withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(run)));

		// the senders retry on the other replica until they are not told to wait
		for (Supplier<GatewayHttp.Response> resend : again) {
			GatewayHttp.Response response = await().atMost(Duration.ofSeconds(15))
				.pollInterval(Duration.ofMillis(200))
				.until(resend::get, (answer) -> answer.status() != 503);
			assertThat(isDuplicate(response)).as("a resend after a 503 is not a duplicate: %s", response.body())
				.isFalse();
		}
		// and once more: now it is a duplicate
		for (Supplier<GatewayHttp.Response> resend : third) {
			assertThat(isDuplicate(resend.get())).isTrue();
		}

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			for (int i = 0; i < EACH; i++) {
				assertThat(posted("/callback", "note-" + run + "-" + i)).as("notification %d posted", i).isEqualTo(1);
				assertThat(executions("fault-" + run + "-" + i)).as("generic command %d run", i).isEqualTo(1);
				assertThat(posted("/callback", "fault-" + run + "-" + i)).as("generic reply %d", i).isEqualTo(1);
				assertThat(executions("msg" + run + i)).as("Teams command %d run", i).isEqualTo(1);
			}
		});
		// nothing more comes later
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
			assertThat(executionsContaining(run)).isEqualTo(2 * EACH);
			assertThat(posted("/callback", "note-" + run)).isEqualTo(EACH);
		});
	}

	private static boolean isDuplicate(GatewayHttp.Response response) {
		String body = response.body();
		return body.contains("\"duplicate\"") || body.contains("already received");
	}

	private static int posted(String path, String text) {
		return (int) chat.findAll(postRequestedFor(urlEqualTo(path)))
			.stream()
			.map(LoggedRequest::getBodyAsString)
			.filter((body) -> body.contains(text))
			.count();
	}

	private static int executions(String text) {
		return executionsContaining(text);
	}

	private static int executionsContaining(String text) {
		return (int) st2.findAll(postRequestedFor(urlEqualTo("/api/v1/aliasexecution")))
			.stream()
			.map(LoggedRequest::getBodyAsString)
			.filter((body) -> body.contains(text))
			.count();
	}

	/** Waits until Redis no longer answers a PING within 200ms. */
	private static void awaitRedisAsleep() {
		await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20)).until(() -> {
			try (Socket probe = new Socket("localhost", redisPort)) {
				probe.setSoTimeout(200);
				send(probe, "PING");
				readLine(probe.getInputStream());
				return false;
			}
			catch (SocketTimeoutException ex) {
				return true;
			}
		});
	}

	private static void send(Socket socket, String... command) throws IOException {
		StringBuilder resp = new StringBuilder("*" + command.length + "\r\n");
		for (String part : command) {
			resp.append('$').append(part.length()).append("\r\n").append(part).append("\r\n");
		}
		OutputStream out = socket.getOutputStream();
		out.write(resp.toString().getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int c;
		while ((c = in.read()) != -1 && c != '\n') {
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

	private static ConfigurableApplicationContext startReplica() {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(GatewayApplication.class).run(
				"--server.port=0", "--spring.main.banner-mode=off", "--gateway.state.store=redis",
				"--gateway.state.key-prefix=" + KEY_PREFIX, "--spring.data.redis.url=redis://localhost:" + redisPort,
				"--gateway.st2.url=" + st2.baseUrl(), "--gateway.st2.api-key=st2-test-api-key",
				"--gateway.catalog.refresh-interval=1h", "--gateway.chat.generic.secret=" + SECRET,
				"--gateway.chat.generic.callback-url=" + chat.baseUrl() + "/callback",
				"--gateway.relay.token=" + RELAY_TOKEN,
				"--gateway.chat.teams.security-token=" + Base64.getEncoder().encodeToString(TEAMS_KEY),
				"--gateway.chat.teams.default-workflow-url=" + chat.baseUrl() + "/teams-workflow",
				// every claim write reaches Redis and times out: the circuit breaker
				// would refuse most of them before they are sent
				"--resilience4j.circuitbreaker.instances.state.minimum-number-of-calls=1000",
				"--resilience4j.circuitbreaker.instances.state.sliding-window-size=1000");
		assertThat(context.getBean(AliasCatalogSynchronizer.class).sync()).isTrue();
		return context;
	}

	private static void stubSt2() {
		st2.stubFor(get(urlPathEqualTo("/api/v1/actionalias"))
			.willReturn(okJson(new String(fixture("/command/aliases.json"), StandardCharsets.UTF_8))
				.withHeader("X-Total-Count", "6")
				.withHeader("X-Limit", "100")));
		String execution = """
				{"execution": {"id": "5f1a7e2b9c1d4a0001e0e002", "status": "requested",
				 "action": {"ref": "ops.deploy_app"}, "parameters": {"app": "web", "env": "prod"},
				 "context": {"user": "ci-bot"}, "start_timestamp": "2026-11-24T10:00:00.000000Z"},
				 "actionalias": {"name": "deploy", "pack": "ops"}, "message": "Deploying web"}""";
		st2.stubFor(post(urlEqualTo("/api/v1/aliasexecution")).willReturn(
				aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(execution)));
	}

	private static String notification(String marker) {
		return new String(fixture("notification.json"), StandardCharsets.UTF_8).replace("completed.",
				"completed (" + marker + ").");
	}

	private static byte[] generic(String channel) {
		return new String(fixture("generic-message.json"), StandardCharsets.UTF_8)
			.replace("\"builds\"", "\"" + channel + "\"")
			.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] teams(String activityId, String messageId) {
		return new String(fixture("/chat/teams/outgoing-webhook-message.json"), StandardCharsets.UTF_8)
			.replace("1485983408511", activityId)
			.replace("messageid=1485983194839", "messageid=" + messageId)
			.replace("pack get \\u201cst2\\u201d", "deploy web to prod")
			.getBytes(StandardCharsets.UTF_8);
	}

	private static GatewayHttp.Response push(GatewayHttp http, String body, String idempotencyKey) {
		return http.post("/api/v1/st2/notifications", body, "Content-Type", "application/json", "Authorization",
				"Bearer " + RELAY_TOKEN, "Idempotency-Key", idempotencyKey);
	}

	private static GatewayHttp.Response sendGeneric(GatewayHttp http, byte[] body, String timestamp) {
		String signature = "sha256=" + HmacSha256.signHex(SECRET.getBytes(StandardCharsets.UTF_8),
				(timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
		return http.postBytes("/chat/generic", body, "Content-Type", "application/json", "X-Gateway-Timestamp",
				timestamp, "X-Gateway-Signature", signature);
	}

	private static GatewayHttp.Response sendTeams(GatewayHttp http, byte[] body) {
		String hmac = "HMAC " + Base64.getEncoder().encodeToString(HmacSha256.sign(TEAMS_KEY, body));
		return http.postBytes("/chat/teams", body, "Content-Type", "application/json", "Authorization", hmac);
	}

	private static byte[] fixture(String name) {
		String path = name.startsWith("/") ? name : "/state/" + name;
		try (InputStream in = RedisClaimFaultIntegrationTests.class.getResourceAsStream(path)) {
			assertThat(in).as(path).isNotNull();
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
