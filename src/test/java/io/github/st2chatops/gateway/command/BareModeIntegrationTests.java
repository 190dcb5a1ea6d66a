package io.github.st2chatops.gateway.command;

import io.github.st2chatops.gateway.alias.AliasCatalogSynchronizer;
import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatCommand;
import io.github.st2chatops.gateway.chat.ChatReply;
import io.github.st2chatops.gateway.support.St2WireMock;
import io.github.st2chatops.gateway.support.StubServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With an empty prefix every chat line is tried: chatter is ignored without a word and
 * without calling st2, a matching line runs, and a line addressed to the bot still gets
 * an answer when nothing matches.
 */
@SpringBootTest(properties = { "gateway.st2.api-key=st2-test-api-key", "gateway.command.prefix=",
		"gateway.st2.retry.max-retries=0", "gateway.catalog.refresh-interval=1h" })
class BareModeIntegrationTests {

	@RegisterExtension
	static final StubServer st2 = StubServer.st2().resettingBeforeEach();

	@Autowired
	CommandService commands;

	@Autowired
	AliasCatalogSynchronizer synchronizer;

	private final ChatAddress channel = new ChatAddress("slack", "T1", "C1", null, "U1", "alice", null);

	@BeforeEach
	void loadCatalog() {
		St2WireMock.stubSampleCatalog(st2);
		assertThat(this.synchronizer.sync()).isTrue();
	}

	@Test
	void chatterShouldBeIgnoredSilently() {
		assertThat(this.commands.handle(new ChatCommand(this.channel, "who broke prod?", false))).isEmpty();
		assertThat(this.commands.handle(new ChatCommand(this.channel, "deploy is done?", false))).isEmpty();
		assertThat(this.commands.handle(new ChatCommand(this.channel, "help me with lunch", false))).isEmpty();
		st2.verify(0, postRequestedFor(urlEqualTo("/api/v1/aliasexecution")));
	}

	@Test
	void matchingLineShouldRunWithoutAPrefix() {
		st2.stubFor(post(urlEqualTo("/api/v1/aliasexecution"))
			.willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("""
					{"execution": {"id": "5f1a7e2b9c1d4a0001e0e009", "status": "requested"},
					 "actionalias": {"name": "deploy", "pack": "ops"}, "message": "Deploying web"}""")));

		var replies = this.commands.handle(new ChatCommand(this.channel, "deploy web to prod", false));

		assertThat(replies).extracting(ChatReply::text).containsExactly("Deploying web");
		st2.verify(1, postRequestedFor(urlEqualTo("/api/v1/aliasexecution")));
	}

	@Test
	void addressedLineThatMatchesNothingShouldStillBeAnswered() {
		var replies = this.commands.handle(new ChatCommand(this.channel, "deploy", true));

		assertThat(replies).singleElement()
			.satisfies((reply) -> assertThat(reply.text()).startsWith("No command matches `deploy`."));
	}

}
