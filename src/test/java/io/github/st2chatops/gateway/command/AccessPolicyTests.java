package io.github.st2chatops.gateway.command;

import java.util.List;
import java.util.stream.Stream;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.command.AccessProperties.Effect;
import io.github.st2chatops.gateway.command.AccessProperties.Rule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccessPolicyTests {

	static final Requester ALICE_IN_OPS = new Requester("slack:U0ALICE", "slack:C0OPS", false);

	static final Requester BOB_IN_OPS = new Requester("slack:U0BOB", "slack:C0OPS", false);

	static final Requester BOB_IN_RANDOM = new Requester("slack:U0BOB", "slack:C0RANDOM", false);

	@Test
	void noRulesShouldApplyTheDefault() {
		assertThat(policy(Effect.ALLOW).permits(BOB_IN_OPS, "ops.deploy")).isTrue();
		assertThat(policy(Effect.DENY).permits(BOB_IN_OPS, "ops.deploy")).isFalse();
	}

	@Test
	void firstMatchingRuleShouldWin() {
		AccessPolicy policy = policy(Effect.ALLOW,
				rule(List.of("slack:U0ALICE"), List.of(), List.of("ops.*"), Effect.ALLOW),
				rule(List.of(), List.of(), List.of("ops.*"), Effect.DENY));

		assertThat(policy.permits(ALICE_IN_OPS, "ops.deploy")).isTrue();
		assertThat(permitted(policy, BOB_IN_OPS, "ops.deploy", "linux.uptime")).containsExactly("linux.uptime");
	}

	@Test
	void laterRuleShouldNotOverrideAnEarlierOne() {
		AccessPolicy policy = policy(Effect.ALLOW, rule(List.of(), List.of(), List.of("*.restart*"), Effect.DENY),
				rule(List.of("slack:U0ALICE"), List.of(), List.of(), Effect.ALLOW));

		assertThat(permitted(policy, ALICE_IN_OPS, "nginx.restart_service", "nginx.reload"))
			.containsExactly("nginx.reload");
	}

	@Test
	void globsShouldMatchWholeRefsOnly() {
		AccessPolicy policy = policy(Effect.DENY,
				rule(List.of(), List.of(), List.of("ops.dep?oy", "*.restart*"), Effect.ALLOW));

		assertThat(permitted(policy, BOB_IN_OPS, "ops.deploy", "ops.deploy_all", "xops.deploy", "nginx.restart_now",
				"nginxrestart"))
			.containsExactly("ops.deploy", "nginx.restart_now");
	}

	@Test
	void dotsInGlobsShouldBeLiteral() {
		AccessPolicy policy = policy(Effect.DENY, rule(List.of(), List.of(), List.of("ops.deploy"), Effect.ALLOW));

		assertThat(policy.permits(BOB_IN_OPS, "opsXdeploy")).isFalse();
	}

	@Test
	void packsShouldMatchTheRefsPack() {
		AccessPolicy policy = policy(Effect.DENY,
				new Rule(List.of(), List.of(), List.of("linux", "st2*"), List.of(), Effect.ALLOW));

		assertThat(permitted(policy, BOB_IN_OPS, "linux.uptime", "st2_ext.list", "linuxx.uptime", "ops.linux"))
			.containsExactly("linux.uptime", "st2_ext.list");
	}

	@Test
	void channelSubjectsShouldApplyToEveryoneInTheChannel() {
		AccessPolicy policy = policy(Effect.DENY, rule(List.of(), List.of("slack:C0OPS"), List.of(), Effect.ALLOW));

		assertThat(policy.permits(BOB_IN_OPS, "ops.deploy")).isTrue();
		assertThat(policy.permits(BOB_IN_RANDOM, "ops.deploy")).isFalse();
	}

	@Test
	void userSubjectsShouldBeStableIdsWithPlatformNotNames() {
		AccessPolicy policy = policy(Effect.DENY, rule(List.of("slack:U0ALICE"), List.of(), List.of(), Effect.ALLOW));
		Requester alice = Requester.of(new ChatAddress("slack", "T1", "C0OPS", null, "U0ALICE", "alice", null));
		Requester aliceByName = Requester.of(new ChatAddress("slack", "T1", "C0OPS", null, "alice", "alice", null));
		Requester aliceElsewhere = Requester
			.of(new ChatAddress("mattermost", "T1", "C0OPS", null, "U0ALICE", "alice", null));

		assertThat(policy.permits(alice, "ops.deploy")).isTrue();
		assertThat(policy.permits(aliceByName, "ops.deploy")).isFalse();
		assertThat(policy.permits(aliceElsewhere, "ops.deploy")).isFalse();
	}

	@Test
	void apiKeysShouldBeSubjectsAndApiCallsWithoutChannelHaveNone() {
		AccessPolicy policy = policy(Effect.DENY, rule(List.of("api:ci"), List.of(), List.of(), Effect.ALLOW));
		Requester ci = Requester.ofApiKey("ci", new ChatAddress("api", null, "ci-bot", null, "ci-bot", "ci-bot", null));
		Requester other = Requester.ofApiKey("other",
				new ChatAddress("api", null, "ci-bot", null, "ci-bot", "ci-bot", null));

		assertThat(ci.channel()).isNull();
		assertThat(policy.permits(ci, "ops.deploy")).isTrue();
		assertThat(policy.permits(other, "ops.deploy")).isFalse();
	}

	@Test
	void directMessagesWhenOffShouldDenyEverythingThere() {
		AccessProperties properties = new AccessProperties(Effect.ALLOW, false, List.of(), List.of());
		AccessPolicy policy = new AccessPolicy(properties);
		Requester direct = Requester.of(new ChatAddress("slack", "T1", "D024BE91L", null, "U0BOB", "bob", null));

		assertThat(direct.directMessage()).isTrue();
		assertThat(policy.permits(direct, "ops.deploy")).isFalse();
		assertThat(policy.permits(BOB_IN_OPS, "ops.deploy")).isTrue();
	}

	@Test
	void channelAllowlistShouldKeepCommandsOutOfOtherChannels() {
		AccessProperties properties = new AccessProperties(Effect.ALLOW, true, List.of("slack:C0OPS", "teams:*"),
				List.of());
		AccessPolicy policy = new AccessPolicy(properties);

		assertThat(policy.permits(BOB_IN_OPS, "ops.deploy")).isTrue();
		assertThat(policy.permits(BOB_IN_RANDOM, "ops.deploy")).isFalse();
		assertThat(policy.permits(new Requester("teams:29:1abc", "teams:19:xyz@thread.v2", false), "ops.deploy"))
			.isTrue();
		assertThat(policy.permits(new Requester("api:ci", null, false), "ops.deploy")).isTrue();
	}

	/**
	 * The refs, of those given, that the policy lets the requester run, in their order.
	 */
	private static List<String> permitted(AccessPolicy policy, Requester requester, String... refs) {
		return Stream.of(refs).filter((ref) -> policy.permits(requester, ref)).toList();
	}

	private static Rule rule(List<String> users, List<String> channels, List<String> aliases, Effect effect) {
		return new Rule(users, channels, List.of(), aliases, effect);
	}

	private static AccessPolicy policy(Effect defaultEffect, Rule... rules) {
		return new AccessPolicy(new AccessProperties(defaultEffect, true, List.of(), List.of(rules)));
	}

}
