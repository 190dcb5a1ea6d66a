package io.github.st2chatops.gateway.command;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.st2chatops.gateway.alias.AliasCatalogHolder;
import io.github.st2chatops.gateway.alias.AliasDefinition;
import io.github.st2chatops.gateway.alias.TestCatalogs;
import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatCommand;
import io.github.st2chatops.gateway.st2.St2AliasExecution;
import io.github.st2chatops.gateway.st2.St2AliasExecutionRequest;
import io.github.st2chatops.gateway.st2.St2AuthHeader;
import io.github.st2chatops.gateway.st2.St2Execution;
import io.github.st2chatops.gateway.st2.St2Identity;
import io.github.st2chatops.gateway.st2.St2Inquiry;
import io.github.st2chatops.gateway.st2.St2InquiryAnswer;
import io.github.st2chatops.gateway.st2.St2ImpersonationRefusedException;
import io.github.st2chatops.gateway.st2.St2NotFoundException;
import io.github.st2chatops.gateway.st2.St2RejectedException;
import io.github.st2chatops.gateway.st2.St2UnavailableException;
import io.github.st2chatops.gateway.support.UnscriptedSt2;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The command pipeline, path by path, with a scripted st2 and no Spring or HTTP.
 */
class CommandServiceTests {

	private static final Instant NOW = Instant.parse("2026-12-06T01:00:00Z");

	private static final ChatAddress ALICE = new ChatAddress("slack", "T1", "C1", null, "U1", "alice", null);

	private final AtomicReference<Instant> now = new AtomicReference<>(NOW);

	private final Clock clock = new Clock() {

		@Override
		public Instant instant() {
			return CommandServiceTests.this.now.get();
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	};

	private final ScriptedSt2 st2 = new ScriptedSt2();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final AtomicInteger refreshes = new AtomicInteger();

	private AliasCatalogHolder catalogs = TestCatalogs.loaded(NOW, alias("status", "status {{host}}"),
			alias("deploy", "deploy {{app}}"), alias("restart", "restart {{service}}"), alias("secret", "secret thing"),
			alias("twin_a", "twin"), alias("twin_b", "twin"),
			new AliasDefinition("pack.off", "pack", "off", null, false, List.of("switch off"), null, null));

	private AccessProperties access = new AccessProperties(AccessProperties.Effect.ALLOW, true, List.of(),
			List.of(new AccessProperties.Rule(List.of(), List.of(), List.of(), List.of("pack.secret"),
					AccessProperties.Effect.DENY)));

	private CommandRateLimiter rateLimiter = (requester) -> Optional.empty();

	private String prefix = "!st2";

	private CommandService service() {
		return new CommandService(new CommandProperties(this.prefix, 20, 4000), this.catalogs,
				new CatalogAvailability(this.catalogs, Duration.ofMinutes(10), this.clock),
				this.refreshes::incrementAndGet, this.st2, new AckComposer("https://st2.example.com"), this.meters,
				new AccessPolicy(this.access), this.rateLimiter, Set.of("slack", "api")::contains);
	}

	private CommandResult run(String text) {
		return service().run(new ChatCommand(ALICE, text, false));
	}

	/** Runs a line, checks its outcome and that nothing was sent to st2 to execute. */
	private CommandResult runNothing(String text, CommandOutcome outcome) {
		CommandResult result = run(text);
		assertThat(result.outcome()).isEqualTo(outcome);
		assertThat(this.st2.executed).isEmpty();
		return result;
	}

	@Test
	void inquiryRespondWhenInquiryNamesUsersAndNoPerUserIdentityShouldAnswerNothingAndSaySo() {
		this.st2.inquiry = new St2Inquiry("i1", "", 60, List.of("bob"), List.of(),
				Map.of("type", "object", "properties", Map.of("approved", Map.of("type", "boolean"))));

		CommandResult result = run("!st2 inquiry respond i1 yes");

		assertThat(result.outcome()).isEqualTo(CommandOutcome.DENIED);
		assertThat(result.reply()).isEqualTo(InquiryCommands.NEEDS_IDENTITY_REPLY);
		assertThat(result.whisper()).isTrue();
		assertThat(this.st2.answered).isEmpty();
	}

	@Test
	void inquiryRespondWhenOpenToAnyoneShouldAnswerAsTheGateway() {
		this.st2.inquiry = new St2Inquiry("i1", "", 60, List.of(), List.of(),
				Map.of("type", "object", "properties", Map.of("approved", Map.of("type", "boolean"))));

		CommandResult result = run("!st2 inquiry respond i1 no");

		assertThat(result.outcome()).isEqualTo(CommandOutcome.ANSWERED);
		assertThat(result.reply()).isEqualTo("Rejected by @alice (st2 inquiry i1).");
		assertThat(result.whisper()).isFalse();
		assertThat(this.st2.answered).containsExactly(Map.of("approved", false));
	}

	@Test
	void inquiryWhenPolicyDeniesInquiriesShouldAskNothingOfSt2() {
		this.access = new AccessProperties(AccessProperties.Effect.ALLOW, true, List.of(),
				List.of(new AccessProperties.Rule(List.of(), List.of(), List.of(), List.of("inquiry"),
						AccessProperties.Effect.DENY)));

		CommandResult result = run("!st2 inquiry respond i1 yes");

		assertThat(result.outcome()).isEqualTo(CommandOutcome.DENIED);
		assertThat(result.whisper()).isTrue();
		assertThat(this.st2.answered).isEmpty();
	}

	@Test
	void inquiryRespondWhenSt2KnowsNoSuchInquiryShouldPointToTheListWithThePrefix() {
		this.st2.inquiryFailure = new St2NotFoundException("gone", "r1");

		CommandResult result = run("!st2 inquiry respond i9 yes");

		assertThat(result.outcome()).isEqualTo(CommandOutcome.REFUSED);
		assertThat(result.reply()).isEqualTo("st2 knows no inquiry i9; check the id with `!st2 inquiry list`.");
		assertThat(result.whisper()).isTrue();
		assertThat(this.st2.answered).isEmpty();
	}

	@Test
	void inquiryWithoutVerbShouldSayHowToUseIt() {
		CommandResult result = runNothing("!st2 inquiry", CommandOutcome.REFUSED);

		assertThat(result.reply()).isEqualTo("Say `!st2 inquiry list` or `!st2 inquiry respond <id> <answer>`.");
	}

	@Test
	void lineWithoutPrefixShouldBeIgnored() {
		runNothing("status web1", CommandOutcome.IGNORED);
	}

	@Test
	void lineTooLongShouldBeRefusedBeforeAnythingElse() {
		CommandResult result = runNothing("!st2 status " + "x".repeat(4000), CommandOutcome.REFUSED);
		assertThat(result.reply()).contains("longer than 4000 characters; nothing ran");
	}

	@Test
	void matchingLineShouldRunAsTheCallersIdentityAndAck() {
		this.st2.identity = new St2Identity.User("alice", new St2AuthHeader(St2AuthHeader.AUTH_TOKEN, "t"));
		CommandResult result = run("!st2 status web1");
		assertThat(result.outcome()).isEqualTo(CommandOutcome.EXECUTED);
		assertThat(result.alias()).isEqualTo("pack.status");
		assertThat(result.parameters()).containsEntry("host", "web1");
		assertThat(result.execution().id()).isEqualTo("e1");
		assertThat(result.reply()).isEqualTo(
				"Got it! Execution e1 is on its way.\n" + "Details: https://st2.example.com/#/history/e1/general");
		assertThat(this.st2.executed).singleElement().satisfies((execution) -> {
			assertThat(execution.identity()).isEqualTo(this.st2.identity);
			assertThat(execution.request().name()).isEqualTo("status");
			assertThat(execution.request().command()).isEqualTo("status web1");
			assertThat(execution.request().user()).isEqualTo("alice");
			assertThat(execution.request().sourceChannel()).isEqualTo("slack:C1");
		});
		assertThat(this.st2.identityAskedFor).containsExactly("slack:U1");
		assertThat(this.meters.counter("gateway.commands", "platform", "slack", "outcome", "executed").count()).isOne();
	}

	@Test
	void disabledImpersonationShouldRunAsTheGateway() {
		assertThat(run("!st2 status web1").outcome()).isEqualTo(CommandOutcome.EXECUTED);
		assertThat(this.st2.executed).singleElement()
			.satisfies((execution) -> assertThat(execution.identity()).isEqualTo(St2Identity.GATEWAY));
	}

	@Test
	void lineMatchingNothingShouldSuggest() {
		CommandResult result = runNothing("!st2 statuz web1", CommandOutcome.NO_MATCH);
		assertThat(result.reply()).contains("No command matches `statuz web1`");
	}

	@Test
	void bareModeLineMatchingNothingShouldBeIgnored() {
		this.prefix = "";
		assertThat(run("hello everyone").outcome()).isEqualTo(CommandOutcome.IGNORED);
	}

	@Test
	void ambiguousLineShouldListCandidatesAndRunNothing() {
		CommandResult result = runNothing("!st2 twin", CommandOutcome.AMBIGUOUS);
		assertThat(result.candidates()).containsExactly("pack.twin_a", "pack.twin_b");
	}

	@Test
	void disabledAliasShouldBeRefused() {
		CommandResult result = runNothing("!st2 switch off", CommandOutcome.REFUSED);
		assertThat(result.reply()).isEqualTo("The alias pack.off is disabled in st2, so nothing ran.");
	}

	@Test
	void aliasTheAccessPolicyDeniesShouldNotRunNorBeNamed() {
		CommandResult result = runNothing("!st2 secret thing", CommandOutcome.DENIED);
		assertThat(result.reply()).isEqualTo(CommandService.DENIED_REPLY).doesNotContain("secret");
		assertThat(this.st2.identityAskedFor).isEmpty();
	}

	@Test
	void requesterOverTheRateLimitShouldBeRefusedBeforeSt2IsAsked() {
		this.rateLimiter = (requester) -> Optional.of(Duration.ofMillis(1500));
		CommandResult result = runNothing("!st2 status web1", CommandOutcome.REFUSED);
		assertThat(result.reply()).contains("try again in 2 s");
		assertThat(this.st2.identityAskedFor).isEmpty();
	}

	@Test
	void unmappedUserShouldBeDenied() {
		this.st2.identity = new St2Identity.Unmapped();
		CommandResult result = runNothing("!st2 status web1", CommandOutcome.DENIED);
		assertThat(result.reply()).isEqualTo(CommandService.NOT_MAPPED_REPLY);
	}

	@Test
	void impersonationSt2RefusesShouldBeDenied() {
		this.st2.identityFailure = new St2ImpersonationRefusedException(
				"st2 refused to let the gateway act as st2 user alice: no such user. Nothing ran.", null);
		CommandResult result = runNothing("!st2 status web1", CommandOutcome.DENIED);
		assertThat(result.reply()).contains("act as st2 user alice");
	}

	@Test
	void executionSt2RejectsShouldBeRefusedNamingTheAlias() {
		this.st2.executionFailure = new St2RejectedException(400, "Action is not enabled.", "r1");
		CommandResult result = run("!st2 status web1");
		assertThat(result.outcome()).isEqualTo(CommandOutcome.REFUSED);
		assertThat(result.alias()).isEqualTo("pack.status");
		assertThat(result.reply()).isEqualTo("st2 refused to run pack.status: Action is not enabled. Nothing ran.");
		assertThat(this.refreshes).hasValue(0);
	}

	@Test
	void executionOfAnAliasSt2NoLongerKnowsShouldRefreshTheCatalog() {
		this.st2.executionFailure = new St2NotFoundException("gone", "r1");
		CommandResult result = run("!st2 status web1");
		assertThat(result.outcome()).isEqualTo(CommandOutcome.REFUSED);
		assertThat(this.refreshes).hasValue(1);
	}

	@Test
	void executionWhenSt2TimesOutShouldSayItMayHaveRun() {
		this.st2.executionFailure = new St2UnavailableException("timed out", true, "r1", null);
		CommandResult result = run("!st2 status web1");
		assertThat(result.outcome()).isEqualTo(CommandOutcome.UNAVAILABLE);
		assertThat(result.reply()).contains("may or may not have started");
	}

	@Test
	void helpShouldListWhatTheRequesterMayRunAndKeepTheLimitWhenPaging() {
		CommandResult result = run("!st2 help limit=2 offset=1");
		assertThat(result.outcome()).isEqualTo(CommandOutcome.HELP);
		assertThat(result.reply()).startsWith("Commands (2-3 of 5):")
			.doesNotContain("secret")
			.contains("More: `!st2 help limit=2 offset=3`");
	}

	@Test
	void helpWithABadLimitShouldSaySo() {
		assertThat(run("!st2 help limit=0").reply()).isEqualTo("limit must be a whole number from 1 to 100, not '0'.");
	}

	@Test
	void dryRunShouldDescribeAndRunNothing() {
		CommandResult result = runNothing("!st2 match status web1", CommandOutcome.MATCHED);
		assertThat(result.reply())
			.isEqualTo("`status web1` would run pack.status with format `status {{host}}` and parameters host=web1. "
					+ "Nothing ran.");
		assertThat(this.st2.identityAskedFor).isEmpty();
	}

	@Test
	void dryRunOfADeniedAliasShouldBeNoMatch() {
		assertThat(run("!st2 match secret thing").outcome()).isEqualTo(CommandOutcome.NO_MATCH);
	}

	@Test
	void commandBeforeTheFirstSyncAttemptShouldBeUnavailableNotNoMatch() {
		this.catalogs = new AliasCatalogHolder();
		CommandResult result = run("!st2 status web1");
		assertThat(result.outcome()).isEqualTo(CommandOutcome.UNAVAILABLE);
		assertThat(result.reply()).contains("has not loaded st2's commands yet").contains("nothing ran");
	}

	@Test
	void commandWhenSt2WasNeverReachedShouldBeUnavailableWithTheReason() {
		this.catalogs = new AliasCatalogHolder();
		TestCatalogs.failed(this.catalogs, NOW, false);
		for (String line : List.of("!st2 status web1", "!st2 help", "!st2 match status web1", "!st2 anything")) {
			CommandResult result = run(line);
			assertThat(result.outcome()).as(line).isEqualTo(CommandOutcome.UNAVAILABLE);
			assertThat(result.reply()).as(line)
				.startsWith("st2 cannot be reached by the gateway, so the gateway does not know its commands and "
						+ "nothing ran.");
		}
		assertThat(this.st2.executed).isEmpty();
	}

	@Test
	void commandWhenSt2RefusedTheCredentialShouldSaySo() {
		this.catalogs = new AliasCatalogHolder();
		TestCatalogs.failed(this.catalogs, NOW, true);
		CommandResult result = run("!st2 help");
		assertThat(result.outcome()).isEqualTo(CommandOutcome.UNAVAILABLE);
		assertThat(result.reply()).startsWith("st2 refused the gateway's credential")
			.contains("nothing ran")
			.contains("check the gateway's st2 credentials");
	}

	@Test
	void bareModeChatterWhileSt2IsUnavailableShouldBeIgnored() {
		this.prefix = "";
		this.catalogs = new AliasCatalogHolder();
		TestCatalogs.failed(this.catalogs, NOW, false);
		assertThat(run("hello everyone").outcome()).isEqualTo(CommandOutcome.IGNORED);
	}

	@Test
	void catalogOlderThanTheMaxAgeShouldBeUnavailable() {
		TestCatalogs.failed(this.catalogs, NOW.plus(Duration.ofMinutes(11)), false);
		this.now.set(NOW.plus(Duration.ofMinutes(9)));
		assertThat(run("!st2 status web1").outcome()).isEqualTo(CommandOutcome.EXECUTED);
		this.now.set(NOW.plus(Duration.ofMinutes(11)));
		CommandResult result = run("!st2 status web1");
		assertThat(result.outcome()).isEqualTo(CommandOutcome.UNAVAILABLE);
		assertThat(result.reply()).isEqualTo("st2 cannot be reached by the gateway for 11 minutes, so the gateway's "
				+ "list of commands is out of date and nothing ran. Try again in a few minutes.");
		assertThat(this.st2.executed).hasSize(1);
	}

	@Test
	void apiCommandOnAnUnservedPlatformShouldRunNothing() {
		for (String channel : List.of("irc:ops", "teams:19:abc")) {
			assertThatExceptionOfType(ChannelNotServedException.class)
				.isThrownBy(() -> service().runForApiKey(new ApiCommand("!st2 status web1", "bob", channel, "ci")))
				.withMessageContaining("nothing ran");
			assertThatExceptionOfType(ChannelNotServedException.class)
				.isThrownBy(() -> service().dryRunForApiKey(new ApiCommand("status web1", "bob", channel, "ci")));
		}
		assertThat(this.st2.executed).isEmpty();
		assertThat(this.meters.find("gateway.commands").counters()).isEmpty();
	}

	@Test
	void apiCommandOnAServedPlatformShouldRunForTheKey() {
		CommandResult result = service().runForApiKey(new ApiCommand("status web1", "bob", "slack:C9", "ci"));
		assertThat(result.outcome()).isEqualTo(CommandOutcome.EXECUTED);
		assertThat(this.st2.executed).singleElement().satisfies((execution) -> {
			assertThat(execution.request().sourceChannel()).isEqualTo("slack:C9");
			assertThat(execution.request().user()).isEqualTo("bob");
		});
	}

	@Test
	void metricsPlatformShouldBeAServedPlatformOrOther() {
		CommandService service = service();
		assertThat(service.metricPlatform("slack")).isEqualTo("slack");
		assertThat(service.metricPlatform("api")).isEqualTo("api");
		assertThat(service.metricPlatform("teams")).isEqualTo("other");
		assertThat(service.metricPlatform("irc")).isEqualTo("other");
		assertThat(service.metricPlatform("<script>")).isEqualTo("other");
	}

	private static AliasDefinition alias(String name, String format) {
		return new AliasDefinition("pack." + name, "pack", name, "does " + name, true, List.of(format), null, null);
	}

	/**
	 * st2 as the pipeline sees it: identities and executions, recorded.
	 */
	private static final class ScriptedSt2 extends UnscriptedSt2 {

		final List<Execution> executed = new ArrayList<>();

		final List<String> identityAskedFor = new ArrayList<>();

		St2Identity identity = St2Identity.GATEWAY;

		RuntimeException identityFailure;

		RuntimeException executionFailure;

		@Override
		public St2Identity identityOf(String platform, String userId) {
			this.identityAskedFor.add(platform + ":" + userId);
			if (this.identityFailure != null) {
				throw this.identityFailure;
			}
			return this.identity;
		}

		@Override
		public St2AliasExecution executeAlias(St2AliasExecutionRequest request, St2Identity identity) {
			if (this.executionFailure != null) {
				throw this.executionFailure;
			}
			this.executed.add(new Execution(request, identity));
			return new St2AliasExecution(
					new St2Execution("e1", "requested", null, null, null, null, Map.of(), Map.of(), null, Map.of()),
					null, null, null);
		}

		St2Inquiry inquiry;

		final List<Map<String, Object>> answered = new ArrayList<>();

		RuntimeException inquiryFailure;

		@Override
		public St2Inquiry getInquiry(String id) {
			if (this.inquiryFailure != null) {
				throw this.inquiryFailure;
			}
			return this.inquiry;
		}

		@Override
		public St2InquiryAnswer respondToInquiry(String id, Map<String, Object> response, St2Identity identity) {
			this.answered.add(response);
			return new St2InquiryAnswer(id, response);
		}

		record Execution(St2AliasExecutionRequest request, St2Identity identity) {
		}

	}

}
