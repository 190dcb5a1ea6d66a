package io.github.st2chatops.gateway.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.st2chatops.gateway.support.GatewayHttp;
import io.github.st2chatops.gateway.support.RedisReplicas;
import io.github.st2chatops.gateway.support.St2WireMock;
import io.github.st2chatops.gateway.support.StubServer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
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

	/** Each kind of request, sent this many times (each different) while Redis sleeps. */
	static final int EACH = 3;

	@RegisterExtension
	static final StubServer st2 = StubServer.st2();

	@RegisterExtension
	static final StubServer chat = StubServer.serving("gateway.chat.generic.callback-url", "/callback")
		.andServing("gateway.chat.teams.default-workflow-url", "/teams-workflow");

	@RegisterExtension
	static final RedisReplicas replicas = new RedisReplicas();

	static GatewayHttp httpA;

	static GatewayHttp httpB;

	@BeforeAll
	static void startReplicas() {
		chat.stubFor(post("/callback").willReturn(ok()));
		chat.stubFor(post("/teams-workflow").willReturn(aResponse().withStatus(202)));
		// every claim write reaches Redis and times out: the circuit breaker would refuse
		// most of them before they are sent
		ReplicaFixtures.startOnSampleCatalog(replicas, List.of(st2, chat),
				"--resilience4j.circuitbreaker.instances.state.minimum-number-of-calls=1000",
				"--resilience4j.circuitbreaker.instances.state.sliding-window-size=1000");
		httpA = replicas.httpA();
		httpB = replicas.httpB();
	}

	@Test
	void requestsRefusedWhileRedisSleepsShouldRunOnceWhenSentAgain() throws Exception {
		// warm up: both replicas have their Redis connection and scripts loaded
		for (GatewayHttp http : List.of(httpA, httpB)) {
			String warm = "warm-" + UUID.randomUUID();
			await().atMost(Duration.ofSeconds(15))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> push(http, ReplicaFixtures.notification(warm), warm).status() == 202);
		}
		String timestamp = Long.toString(Instant.now().getEpochSecond());
		List<Supplier<GatewayHttp.Response>> first = new ArrayList<>();
		List<Supplier<GatewayHttp.Response>> again = new ArrayList<>();
		List<Supplier<GatewayHttp.Response>> third = new ArrayList<>();
		String run = UUID.randomUUID().toString().substring(0, 8);
		for (int i = 0; i < EACH; i++) {
			String key = "st2-" + run + "-" + i;
			String body = ReplicaFixtures.notification("note-" + run + "-" + i);
			first.add(() -> push(httpA, body, key));
			again.add(() -> push(httpB, body, key));
			third.add(() -> push(httpA, body, key));
			byte[] generic = generic("fault-" + run + "-" + i);
			first.add(() -> ReplicaFixtures.sendGeneric(httpB, generic, timestamp));
			again.add(() -> ReplicaFixtures.sendGeneric(httpA, generic, timestamp));
			third.add(() -> ReplicaFixtures.sendGeneric(httpB, generic, timestamp));
			byte[] activity = teams("act" + run + i, "msg" + run + i);
			first.add(() -> ReplicaFixtures.sendTeams(httpA, activity));
			again.add(() -> ReplicaFixtures.sendTeams(httpB, activity));
			third.add(() -> ReplicaFixtures.sendTeams(httpA, activity));
		}

		ExecutorService senders = Executors.newFixedThreadPool(first.size());
		try (Socket sleeper = new Socket("localhost", replicas.redisPort())) {
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
			assertThat(executions(run)).isEqualTo(2 * EACH);
			assertThat(posted("/callback", "note-" + run)).isEqualTo(EACH);
		});
	}

	private static boolean isDuplicate(GatewayHttp.Response response) {
		String body = response.body();
		return body.contains("\"duplicate\"") || body.contains("already received");
	}

	private static int posted(String path, String text) {
		return (int) ReplicaFixtures.postedBodies(chat, path).stream().filter((body) -> body.contains(text)).count();
	}

	private static int executions(String text) {
		return (int) ReplicaFixtures.postedBodies(st2, "/api/v1/aliasexecution")
			.stream()
			.filter((body) -> body.contains(text))
			.count();
	}

	/** Waits until Redis no longer answers a PING within 200ms. */
	private static void awaitRedisAsleep() {
		await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20)).until(() -> {
			try (Socket probe = new Socket("localhost", replicas.redisPort())) {
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

	private static byte[] generic(String channel) {
		return ReplicaFixtures.fixtureText("generic-message.json")
			.replace("\"builds\"", "\"" + channel + "\"")
			.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] teams(String activityId, String messageId) {
		return ReplicaFixtures.fixtureText("/chat/teams/outgoing-webhook-message.json")
			.replace("1485983408511", activityId)
			.replace("messageid=1485983194839", "messageid=" + messageId)
			.replace("pack get \\u201cst2\\u201d", "deploy web to prod")
			.getBytes(StandardCharsets.UTF_8);
	}

	private static GatewayHttp.Response push(GatewayHttp http, String body, String idempotencyKey) {
		return ReplicaFixtures.push(http, body, "Idempotency-Key", idempotencyKey);
	}

}
