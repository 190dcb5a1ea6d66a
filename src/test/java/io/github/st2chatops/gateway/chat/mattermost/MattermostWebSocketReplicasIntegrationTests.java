package io.github.st2chatops.gateway.chat.mattermost;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import io.github.st2chatops.gateway.support.RedisReplicas;
import io.github.st2chatops.gateway.support.St2WireMock;

import static io.github.st2chatops.gateway.chat.mattermost.MattermostWebSocketIntegrationTests.BOT_ID;
import static io.github.st2chatops.gateway.chat.mattermost.MattermostWebSocketIntegrationTests.BOT_TOKEN;
import static io.github.st2chatops.gateway.chat.mattermost.MattermostWebSocketIntegrationTests.USER_ID;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas on one real Redis, each with its own Mattermost WebSocket to the same
 * server: Mattermost sends every post to both, and it runs once.
 */
class MattermostWebSocketReplicasIntegrationTests {

	static final WireMockServer st2 = new WireMockServer(options().dynamicPort());

	static final WireMockServer mattermost = new WireMockServer(options().dynamicPort());

	static final MattermostWebSocketServer server = new MattermostWebSocketServer(new CopyOnWriteArrayList<>());

	static final RedisReplicas replicas = new RedisReplicas();

	@BeforeAll
	static void startReplicas() {
		st2.start();
		mattermost.start();
		St2WireMock.stubSampleCatalog(st2);
		St2WireMock.stubDeployStarted(st2, "5f1a7e2b9c1d4a0001e0e0ws");
		MattermostWebSocketIntegrationTests.stub(mattermost);
		replicas.start(st2.baseUrl(), "--gateway.chat.mattermost.websocket.enabled=true",
				"--gateway.chat.mattermost.url=" + mattermost.baseUrl(),
				"--gateway.chat.mattermost.bot-token=" + BOT_TOKEN,
				"--gateway.chat.mattermost.websocket.url=" + server.url());
	}

	@AfterAll
	static void stopReplicas() throws IOException {
		replicas.stop();
		server.close();
		st2.stop();
		mattermost.stop();
	}

	@Test
	void samePostOnEachReplicasSocketShouldRunOnce() throws IOException {
		replicas.reset();
		await().until(() -> server.sockets().openLinks().size() == 2);
		String postId = UUID.randomUUID().toString().replace("-", "").substring(0, 26);

		server
			.publish(server.posted(postId, USER_ID, "O", "@st2bot deploy web to prod", "", List.of(BOT_ID), Map.of()));

		await().atMost(Duration.ofSeconds(10)).until(() -> webhooks("accepted") == 1 && webhooks("duplicate") == 1);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> mattermost.verify(1, postRequestedFor(urlEqualTo("/api/v4/posts"))
				.withRequestBody(matchingJsonPath("$.root_id", equalTo(postId)))));
		st2.verify(1, postRequestedFor(urlEqualTo("/api/v1/aliasexecution")));
	}

	/** The outcome counted on both replicas together. */
	private static double webhooks(String outcome) {
		double total = 0;
		for (ConfigurableApplicationContext replica : replicas.both()) {
			Counter counter = replica.getBean(MeterRegistry.class)
				.find("gateway.chat.webhooks")
				.tag("platform", "mattermost")
				.tag("outcome", outcome)
				.counter();
			total += (counter != null) ? counter.count() : 0;
		}
		return total;
	}

}
