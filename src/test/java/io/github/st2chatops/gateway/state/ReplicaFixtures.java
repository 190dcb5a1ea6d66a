package io.github.st2chatops.gateway.state;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.github.st2chatops.gateway.chat.WebhookTestSupport;
import io.github.st2chatops.gateway.support.GatewayHttp;
import io.github.st2chatops.gateway.support.RedisReplicas;
import io.github.st2chatops.gateway.support.St2WireMock;
import io.github.st2chatops.gateway.support.StubServer;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the tests of replicas on one Redis share: replicas started on st2's sample
 * catalog, fixtures of {@code src/test/resources/state/}, signed generic webhooks and
 * Teams activities, st2's notification pushes, and what a stub received.
 */
final class ReplicaFixtures {

	/** The generic webhook's shared secret. */
	static final String GENERIC_SECRET = "generic-secret-for-replica-tests-0123";

	/** The token st2 pushes notifications with. */
	static final String RELAY_TOKEN = "relay-token-for-replica-tests-0123456";

	/** Teams' security token, decoded. */
	static final byte[] TEAMS_KEY = "teams-key-for-replica-tests-0123456".getBytes(StandardCharsets.UTF_8);

	private ReplicaFixtures() {
	}

	/**
	 * Starts the replicas against an st2 that lists the sample catalog and starts every
	 * alias execution it is sent, with {@link #signingSettings(String...)}.
	 * @param replicas the replicas
	 * @param stubs the stub servers, st2's first
	 * @param settings more settings as command-line arguments
	 */
	static void startOnSampleCatalog(RedisReplicas replicas, List<StubServer> stubs, String... settings) {
		St2WireMock.stubSampleCatalog(stubs.get(0));
		St2WireMock.stubDeployStarted(stubs.get(0), "5f1a7e2b9c1d4a0001e0e002");
		replicas.start(stubs, signingSettings(settings));
	}

	/**
	 * The settings under which the replicas take what this class sends: the generic
	 * webhook's secret, the relay's token and Teams' security token.
	 * @param more more settings as command-line arguments
	 * @return all of them
	 */
	static String[] signingSettings(String... more) {
		List<String> settings = new ArrayList<>(
				List.of("--gateway.chat.generic.secret=" + GENERIC_SECRET, "--gateway.relay.token=" + RELAY_TOKEN,
						"--gateway.chat.teams.security-token=" + Base64.getEncoder().encodeToString(TEAMS_KEY)));
		settings.addAll(List.of(more));
		return settings.toArray(String[]::new);
	}

	/**
	 * A fixture.
	 * @param name a file of {@code /state/}, or a path from the class path's root
	 * @return its bytes
	 */
	static byte[] fixture(String name) {
		return WebhookTestSupport.fixture(name.startsWith("/") ? name : "/state/" + name);
	}

	/**
	 * A fixture as UTF-8 text.
	 * @param name a file of {@code /state/}, or a path from the class path's root
	 * @return its text
	 */
	static String fixtureText(String name) {
		return new String(fixture(name), StandardCharsets.UTF_8);
	}

	/**
	 * st2's notification of {@code notification.json}, made unique by a marker in its
	 * message.
	 * @param marker the marker
	 * @return the JSON body
	 */
	static String notification(String marker) {
		return fixtureText("notification.json").replace("completed.", "completed (" + marker + ").");
	}

	/**
	 * Sends a generic webhook request, signed with the shared secret.
	 * @param http the replica
	 * @param body the body
	 * @param timestamp Unix seconds
	 * @return the answer
	 */
	static GatewayHttp.Response sendGeneric(GatewayHttp http, byte[] body, String timestamp) {
		return http.postBytes("/chat/generic", body,
				json(WebhookTestSupport.genericSigned(GENERIC_SECRET, timestamp, body)));
	}

	/**
	 * Sends a Teams outgoing-webhook activity, signed with the security token.
	 * @param http the replica
	 * @param body the activity
	 * @return the answer
	 */
	static GatewayHttp.Response sendTeams(GatewayHttp http, byte[] body) {
		return http.postBytes("/chat/teams", body, json(WebhookTestSupport.teamsSigned(TEAMS_KEY, body)));
	}

	/**
	 * Checks that the first of two pushes of one notification was delivered and the
	 * second recognised as a duplicate.
	 * @param first the first answer
	 * @param second the second answer
	 */
	static void assertDeliveredThenDuplicate(GatewayHttp.Response first, GatewayHttp.Response second) {
		assertThat(first.status()).isEqualTo(202);
		assertThat(first.json()).containsEntry("status", "delivered");
		assertThat(second.status()).isEqualTo(202);
		assertThat(second.json()).containsEntry("status", "duplicate");
	}

	/**
	 * Pushes st2's notification, as st2's chatops route does.
	 * @param http the replica
	 * @param body the notification
	 * @param headers more headers, e.g. {@code Idempotency-Key}
	 * @return the answer
	 */
	static GatewayHttp.Response push(GatewayHttp http, String body, String... headers) {
		List<String> all = new ArrayList<>(List.of("Authorization", "Bearer " + RELAY_TOKEN));
		all.addAll(List.of(headers));
		return http.post("/api/v1/st2/notifications", body, json(all.toArray(String[]::new)));
	}

	/**
	 * The bodies of the POSTs a stub received on a path, oldest first.
	 * @param server the stub
	 * @param path the path
	 * @return the bodies
	 */
	static List<String> postedBodies(WireMockServer server, String path) {
		return server.findAll(postRequestedFor(urlEqualTo(path))).stream().map(LoggedRequest::getBodyAsString).toList();
	}

	private static String[] json(String... headers) {
		List<String> all = new ArrayList<>(List.of("Content-Type", "application/json"));
		all.addAll(List.of(headers));
		return all.toArray(String[]::new);
	}

}
