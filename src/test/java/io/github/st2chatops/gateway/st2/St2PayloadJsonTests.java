package io.github.st2chatops.gateway.st2;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.json.JsonTest;
import org.springframework.boot.test.json.JacksonTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * st2's payloads with the application's JSON mapper: the answers read from st2's own JSON
 * (as its API sends them, under src/test/resources/st2/), the requests written with st2's
 * field names and without the fields the gateway leaves out.
 */
@JsonTest(properties = { "gateway.st2.url=http://st2.invalid", "gateway.st2.api-key=k" })
class St2PayloadJsonTests {

	@Autowired
	JacksonTester<St2AliasExecution> aliasExecution;

	@Autowired
	JacksonTester<St2Execution> execution;

	@Autowired
	JacksonTester<St2ActionAlias> actionAlias;

	@Autowired
	JacksonTester<St2AliasMatch> aliasMatch;

	@Autowired
	JacksonTester<St2Token> token;

	@Autowired
	JacksonTester<St2AliasExecutionRequest> aliasExecutionRequest;

	@Autowired
	JacksonTester<St2TokenRequest> tokenRequest;

	@Test
	void aliasExecutionShouldReadTheExecutionTheAliasAndTheAck() throws IOException {
		St2AliasExecution answer = this.aliasExecution.read("/st2/aliasexecution-201.json").getObject();

		assertThat(answer.execution().id()).isEqualTo("5f1d2e3c4b5a697887766554");
		assertThat(answer.execution().status()).isEqualTo("requested");
		assertThat(answer.execution().webUrl())
			.isEqualTo("https://st2.example.com/#/history/5f1d2e3c4b5a697887766554/general");
		assertThat(answer.execution().startTimestamp()).isEqualTo("2020-07-26T16:01:48.114371Z");
		assertThat(answer.execution().parameters()).isEqualTo(Map.of("packs", List.of("aws")));
		assertThat(answer.execution().context()).containsEntry("source_channel", "slack:C024BE91L");
		assertThat(answer.actionalias().effectiveRef()).isEqualTo("packs.pack_install");
		assertThat(answer.actionalias().actionRef()).isEqualTo("packs.install");
		assertThat(answer.actionalias().ack()).containsEntry("enabled", true).containsEntry("append_url", true);
		assertThat(answer.message()).isEqualTo("Installing pack(s) aws...");
		assertThat(answer.extra()).isNull();
	}

	@Test
	void executionShouldReadAFinishedExecutionAndIgnoreWhatTheGatewayDoesNotUse() throws IOException {
		St2Execution finished = this.execution.read("/st2/execution-5f1.json").getObject();

		assertThat(finished.status()).isEqualTo("succeeded");
		assertThat(finished.endTimestamp()).isEqualTo("2020-07-26T16:01:52.552116Z");
		assertThat(finished.elapsedSeconds()).isEqualTo(4.437745);
		assertThat(finished.action()).containsEntry("ref", "packs.install").containsEntry("runner_type", "orquesta");
		assertThat(finished.result()).isEqualTo(Map.of("output", Map.of("message", "Successfully installed pack aws")));
	}

	@Test
	void actionAliasShouldReadFormatsAckAndResultSettings() throws IOException {
		St2ActionAlias alias = this.actionAlias.read("/st2/actionalias-pack.install.json").getObject();

		assertThat(alias.uid()).isEqualTo("action:packs:pack_install");
		assertThat(alias.isEnabled()).isTrue();
		assertThat(alias.formats()).containsExactly(Map.of("display", "pack install <pack>[,<pack>]", "representation",
				List.of("pack install {{ packs }}")));
		assertThat(alias.ack()).containsKey("format");
		assertThat(alias.result()).containsKey("format");
	}

	@Test
	void actionAliasWithoutRefOrEnabledShouldDefaultAsSt2Does() throws IOException {
		St2ActionAlias alias = this.actionAlias.parseObject("""
				{"name": "deploy", "pack": "ops", "action_ref": "ops.deploy_app", "formats": ["deploy {{app}}"]}""");

		assertThat(alias.effectiveRef()).isEqualTo("ops.deploy");
		assertThat(alias.isEnabled()).isTrue();
		assertThat(alias.formats()).containsExactly("deploy {{app}}");
	}

	@Test
	void aliasMatchShouldReadTheAliasAndTheMatchedFormat() throws IOException {
		St2AliasMatch match = this.aliasMatch.read("/st2/match-200.json").getObject();

		assertThat(match.actionalias().effectiveRef()).isEqualTo("packs.pack_install");
		assertThat(match.display()).isEqualTo("pack install <pack>[,<pack>]");
		assertThat(match.representation()).isEqualTo("pack install {{ packs }}");
	}

	@Test
	void tokenShouldReadSt2AuthsAnswerAndNeverPrintTheToken() throws IOException {
		// st2auth's TokenController answer, expiry in st2's isotime format
		St2Token issued = this.token.parseObject("""
				{"user": "chatops_bot", "token": "866218ad67e141e4aaddbbb92964e67e",
				 "expiry": "2017-04-06T01:15:06.602758Z", "id": "58e4b7d2c4da5f3ed8ff2d0b", "metadata": {}}""");

		assertThat(issued.token()).isEqualTo("866218ad67e141e4aaddbbb92964e67e");
		assertThat(issued.expiry()).isEqualTo("2017-04-06T01:15:06.602758Z");
		assertThat(issued.toString()).doesNotContain("866218ad67e141e4aaddbbb92964e67e");
	}

	@Test
	void aliasExecutionRequestShouldUseSt2sFieldNames() throws IOException {
		St2AliasExecutionRequest request = new St2AliasExecutionRequest("pack_install", "pack install {{ packs }}",
				"pack install aws", "alice", "slack:C024BE91L", Map.of("platform", "slack", "channel", "C024BE91L"),
				"chatops-gateway");

		assertThat(this.aliasExecutionRequest.write(request)).isEqualToJson("""
				{"name": "pack_install", "format": "pack install {{ packs }}", "command": "pack install aws",
				 "user": "alice", "source_channel": "slack:C024BE91L",
				 "source_context": {"platform": "slack", "channel": "C024BE91L"},
				 "notification_route": "chatops-gateway"}""");
	}

	@Test
	void aliasExecutionRequestShouldLeaveOutWhatIsNotSet() throws IOException {
		St2AliasExecutionRequest request = new St2AliasExecutionRequest("pack_install", "pack install {{ packs }}",
				"pack install aws", "alice", "slack:C024BE91L", null, null);

		assertThat(this.aliasExecutionRequest.write(request)).doesNotHaveJsonPath("$.source_context")
			.doesNotHaveJsonPath("$.notification_route");
	}

	@Test
	void tokenRequestShouldAskForTheGatewaysOwnTokenWithATtlOnly() throws IOException {
		assertThat(this.tokenRequest.write(new St2TokenRequest(86400L))).isEqualToJson("{\"ttl\": 86400}");
	}

	@Test
	void tokenRequestShouldImpersonateByUserOrByChatNickname() throws IOException {
		assertThat(this.tokenRequest.write(new St2TokenRequest(3600L, "alice", null, null)))
			.isEqualToJson("{\"ttl\": 3600, \"user\": \"alice\"}");
		assertThat(this.tokenRequest.write(new St2TokenRequest(3600L, null, "U2147483697", "slack")))
			.isEqualToJson("{\"ttl\": 3600, \"impersonate_user\": \"U2147483697\", \"nickname_origin\": \"slack\"}");
	}

}
