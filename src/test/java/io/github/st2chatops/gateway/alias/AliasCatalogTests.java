package io.github.st2chatops.gateway.alias;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.github.st2chatops.gateway.alias.AliasFixtures.alias;
import static io.github.st2chatops.gateway.alias.AliasFixtures.disabled;
import static io.github.st2chatops.gateway.alias.AliasFixtures.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Matching a catalog, outcome for outcome as st2's {@code get_matching_alias}, plus what
 * the gateway adds (disabled aliases, invalid formats skipped) and the help listing.
 */
class AliasCatalogTests {

	@Test
	void matchWhenOneFormatMatchesShouldReturnAliasFormatAndParameters() {
		AliasCatalog catalog = AliasCatalog
			.compile(List.of(alias("deploy", entry("deploy <app> [to <env>]", "deploy {{app}} to {{env=staging}}")),
					alias("restart", "restart {{svc}}")));
		MatchOutcome outcome = catalog.match("deploy web to prod");
		assertThat(outcome).isInstanceOfSatisfying(MatchOutcome.Matched.class, (matched) -> {
			assertThat(matched.alias().ref()).isEqualTo("pack.deploy");
			assertThat(matched.format())
				.isEqualTo(new AliasFormat("deploy <app> [to <env>]", "deploy {{app}} to {{env=staging}}", false));
			assertThat(matched.parameters()).isEqualTo(Map.of("app", "web", "env", "prod"));
		});
	}

	@Test
	void matchWhenNothingMatchesShouldReturnNoMatch() {
		AliasCatalog catalog = AliasCatalog.compile(List.of(alias("restart", "restart {{svc}}")));
		assertThat(catalog.match("who broke prod?")).isEqualTo(new MatchOutcome.NoMatch());
		assertThat(AliasCatalog.empty().match("anything")).isEqualTo(new MatchOutcome.NoMatch());
	}

	@Test
	void matchWhenTwoFormatsOfOneAliasMatchShouldBeAmbiguous() {
		AliasDefinition show = alias("show",
				entry("show <name> [reason]", "show {{name}} because {{reason}}", "show {{name}}"));
		MatchOutcome outcome = AliasCatalog.compile(List.of(show)).match("show web because \"it broke\"");
		assertThat(outcome).isInstanceOfSatisfying(MatchOutcome.Ambiguous.class,
				(ambiguous) -> assertThat(ambiguous.candidates()).extracting((c) -> c.format().representation())
					.containsExactly("show {{name}} because {{reason}}", "show {{name}}"));
	}

	@Test
	void matchWhenAnotherAliasMatchesShouldNotTryMatchMultipleAliases() {
		AliasCatalog catalog = AliasCatalog.compile(List
			.of(multiple("fixes", "(?:\\b|^)fixes (?P<key>[A-Z]+-\\d+)(?:\\b|$)"), alias("fix", "fixes {{key}}")));
		assertThat(catalog.match("fixes AB-1")).isInstanceOfSatisfying(MatchOutcome.Matched.class,
				(matched) -> assertThat(matched.alias().name()).isEqualTo("fix"));
	}

	@Test
	void matchWhenOnlyMatchMultipleAliasMatchesShouldExtractEveryMatch() {
		AliasCatalog catalog = AliasCatalog.compile(List
			.of(multiple("fixes", "(?:\\b|^)fixes (?P<key>[A-Z]+-\\d+)(?:\\b|$)"), alias("other", "other {{x}}")));
		assertThat(catalog.match("AB-1 fixes CD-2 and fixes EF-3")).isInstanceOfSatisfying(MatchOutcome.Matched.class,
				(matched) -> {
					assertThat(matched.format().matchMultiple()).isTrue();
					assertThat(matched.parameterSets()).containsExactly(Map.of("key", "CD-2"), Map.of("key", "EF-3"));
				});
	}

	@Test
	void matchWhenTwoMatchMultipleAliasesMatchShouldBeAmbiguous() {
		String format = "(?:\\b|^)fixes (?P<key>[A-Z]+-\\d+)(?:\\b|$)";
		AliasCatalog catalog = AliasCatalog.compile(List.of(multiple("one", format), multiple("two", format)));
		assertThat(catalog.match("fixes AB-1")).isInstanceOf(MatchOutcome.Ambiguous.class);
	}

	private static AliasDefinition multiple(String name, String format) {
		return alias(name, AliasFixtures.multiple("fixes <key>", format));
	}

	@Test
	void matchWhenOnlyADisabledAliasMatchesShouldSaySo() {
		AliasCatalog catalog = AliasCatalog.compile(
				List.of(disabled("jira", "jira create {{summary}}"), alias("zendesk", "zendesk create {{summary}}")));
		assertThat(catalog.match("jira create outage")).isInstanceOfSatisfying(MatchOutcome.Disabled.class,
				(disabled) -> {
					assertThat(disabled.alias().name()).isEqualTo("jira");
					assertThat(disabled.format().representation()).isEqualTo("jira create {{summary}}");
				});
	}

	@Test
	void matchWhenEnabledAndDisabledAliasesMatchShouldUseTheEnabledOne() {
		AliasCatalog catalog = AliasCatalog
			.compile(List.of(disabled("old", "create {{summary}}"), alias("new", "create {{summary}}")));
		assertThat(catalog.match("create outage")).isInstanceOfSatisfying(MatchOutcome.Matched.class,
				(matched) -> assertThat(matched.alias().name()).isEqualTo("new"));
	}

	@Test
	void compileWhenAFormatIsInvalidShouldReportItAndKeepMatchingTheOthers() {
		AliasCatalog catalog = AliasCatalog
			.compile(List.of(alias("broken", "(configure|cfg) {{ip}} {{asn}} and {{ip}}", "configure fine {{x}}"),
					alias("ok", "ping {{host}}")));
		assertThat(catalog.invalidFormats()).singleElement().satisfies((invalid) -> {
			assertThat(invalid.aliasRef()).isEqualTo("pack.broken");
			assertThat(invalid.format()).isEqualTo("(configure|cfg) {{ip}} {{asn}} and {{ip}}");
			assertThat(invalid.reason()).contains("redefinition of group name 'ip'");
		});
		assertThat(catalog.match("ping db1")).isInstanceOf(MatchOutcome.Matched.class);
		assertThat(catalog.match("configure fine y")).isInstanceOf(MatchOutcome.Matched.class);
		assertThat(catalog.match("configure 1.2.3.4 65000 and 1.2.3.4")).isEqualTo(new MatchOutcome.NoMatch());
	}

	@Test
	void decideStrictlyWhenAFormatIsInvalidShouldFailLikeSt2() {
		AliasCatalog catalog = AliasCatalog.compile(List.of(alias("ok", "ping {{host}}"), alias("bad", "(oops")));
		assertThatExceptionOfType(AliasFormatInvalidException.class)
			.isThrownBy(() -> catalog.decideStrictly("ping db1"));
	}

	@Test
	void compileWhenAnEntryIsMalformedShouldReportItAndKeepTheAlias() {
		AliasDefinition alias = new AliasDefinition("pack.mixed", "pack", "mixed", null, true,
				Arrays.asList(42, "status", Map.of("display", "d", "representation", 7)), null, null);
		AliasCatalog catalog = AliasCatalog.compile(List.of(alias));
		assertThat(catalog.invalidFormats()).extracting(InvalidFormat::format)
			.satisfiesExactly((format) -> assertThat(format).isEqualTo("42"),
					(format) -> assertThat(format).contains("representation=7"));
		assertThat(catalog.match("status")).isInstanceOf(MatchOutcome.Matched.class);
	}

	@Test
	void compileWhenADefaultNamesNoParameterShouldReportAndSkipTheFormat() {
		AliasCatalog catalog = AliasCatalog.compile(List.of(alias("weird", "go {{ a>b=1 }}")));
		assertThat(catalog.invalidFormats()).hasSize(1);
		assertThat(catalog.match("go")).isEqualTo(new MatchOutcome.NoMatch());
	}

	@Test
	void matchWhenDisplayOnlyEntryShouldOnlyMatchABlankCommandAsSt2Does() {
		AliasCatalog catalog = AliasCatalog.compile(List.of(alias("help", Map.of("display", "just help"))));
		assertThat(catalog.match("just help")).isEqualTo(new MatchOutcome.NoMatch());
		assertThat(catalog.match("a=1")).isInstanceOfSatisfying(MatchOutcome.Matched.class,
				(matched) -> assertThat(matched.format()).isEqualTo(new AliasFormat("just help", "", false)));
	}

	@Test
	void aliasesAndSizeShouldKeepEveryAliasInOrder() {
		List<AliasDefinition> aliases = List.of(alias("b", "b"), disabled("a", "a"), alias("c", "("));
		AliasCatalog catalog = AliasCatalog.compile(aliases);
		assertThat(catalog.aliases()).isEqualTo(aliases);
		assertThat(catalog.size()).isEqualTo(3);
	}

	// ---- help

	private static AliasCatalog helpCatalog() {
		return AliasCatalog.compile(List.of(new AliasDefinition("ops.deploy", "ops", "deploy", "Deploy", true,
				List.of("deploy {{app}}", entry("deploy <app> to <env>", "deploy {{app}} to {{env}}")), null, null),
				new AliasDefinition("ops.restart", "ops", "restart", "Restart", false, List.of("restart {{svc}}"), null,
						null),
				new AliasDefinition("net.ping", "net", "ping", "Ping", true,
						List.of("ping {{host}}", Map.of("representation", List.of("pong"))), null, null),
				new AliasDefinition("net.dns", "net", "dns", "DNS", true,
						List.of(Map.of("display", "dns lookup <name>")), null, null)));
	}

	@Test
	void helpWhenUnfilteredShouldListEnabledDisplaysGroupedByPack() {
		AliasHelp help = helpCatalog().help(null, null, 0, 0);
		assertThat(help.available()).isEqualTo(4);
		assertThat(help.packs()).extracting(AliasHelp.Pack::name).containsExactly("ops", "net");
		assertThat(help.entries()).extracting(AliasHelp.Entry::display)
			.containsExactly("deploy {{app}}", "deploy <app> to <env>", "ping {{host}}", "dns lookup <name>");
		assertThat(help.entries().get(0)).isEqualTo(new AliasHelp.Entry("ops.deploy", "deploy {{app}}", "Deploy"));
	}

	@Test
	void helpWhenFilteredShouldSearchCaseInsensitivelyWithPythonRegex() {
		assertThat(helpCatalog().help("DEPLOY", null, 0, 0).available()).isEqualTo(2);
		assertThat(helpCatalog().help("^d", null, 0, 0).available()).isEqualTo(3);
		assertThat(helpCatalog().help("p.ng|dns", null, 0, 0).entries()).extracting(AliasHelp.Entry::display)
			.containsExactly("ping {{host}}", "dns lookup <name>");
		assertThat(helpCatalog().help(null, "net", 0, 0).available()).isEqualTo(2);
	}

	@Test
	void helpWhenPagedShouldCountAllAndListThePage() {
		assertThat(displays(helpCatalog().help(null, null, 0, 2))).containsExactly("deploy {{app}}",
				"deploy <app> to <env>");
		assertThat(displays(helpCatalog().help(null, null, 1, 0))).containsExactly("deploy <app> to <env>",
				"ping {{host}}", "dns lookup <name>");
		AliasHelp page = helpCatalog().help(null, null, 1, 2);
		assertThat(page.available()).isEqualTo(4);
		assertThat(displays(page)).containsExactly("deploy <app> to <env>", "ping {{host}}");
		assertThat(displays(helpCatalog().help(null, null, -1, -1))).hasSize(4);
	}

	@Test
	void helpWhenFilterIsNotARegexShouldFailClearly() {
		assertThatExceptionOfType(AliasHelpFilterInvalidException.class)
			.isThrownBy(() -> helpCatalog().help("deploy (", null, 0, 0))
			.satisfies((ex) -> {
				assertThat(ex.filter()).isEqualTo("deploy (");
				assertThat(ex).isInstanceOf(IllegalArgumentException.class);
				assertThat(ex.getMessage()).contains("not a valid regular expression");
			});
	}

	@Test
	void helpWhenFilterBacktracksExplosivelyShouldStillAnswer() {
		AliasCatalog catalog = AliasCatalog
			.compile(List.of(alias("long", entry("a".repeat(40) + "!", "x")), alias("short", entry("abc", "y"))));
		assertThat(catalog.help("^(a+)+$", null, 0, 0).entries()).isEmpty();
		assertThat(catalog.help("^(a|b)+c$", null, 0, 0).available()).isEqualTo(1);
	}

	private static List<String> displays(AliasHelp help) {
		return help.entries().stream().map(AliasHelp.Entry::display).toList();
	}

}
