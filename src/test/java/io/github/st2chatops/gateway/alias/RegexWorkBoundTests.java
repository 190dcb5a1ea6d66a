package io.github.st2chatops.gateway.alias;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static io.github.st2chatops.gateway.alias.AliasFixtures.alias;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Hostile regular expressions (a help filter typed in chat, an alias format from st2) are
 * bounded by the steps they take, not by the characters they read.
 */
class RegexWorkBoundTests {

	private static final String NESTED_FILTER = "(((((((.*)*)*)*)*)*)*)*zz";

	private static AliasCatalog sixAliases(String extraFormat) {
		List<AliasDefinition> aliases = new ArrayList<>();
		aliases.add(alias("deploy", "deploy {{app}} to {{env=staging}} now please and thank you"));
		aliases.add(alias("restart", "restart {{service}} on {{host}} with a friendly message"));
		aliases.add(alias("status", "status of {{service}} in the production environment"));
		aliases.add(alias("logs", "show logs of {{service}} since {{since=1h}} for everyone"));
		aliases.add(alias("scale", "scale {{service}} to {{replicas}} replicas in the cluster"));
		aliases.add(alias("rollback", "rollback {{app}} to the previous release immediately"));
		if (extraFormat != null) {
			aliases.add(alias("hostile", extraFormat));
		}
		return AliasCatalog.compile(aliases);
	}

	@Test
	void helpWhenFilterNestsRepeatsShouldGiveUpQuickly() {
		AliasCatalog catalog = sixAliases(null);
		long start = System.nanoTime();
		assertThatExceptionOfType(AliasHelpFilterTooCostlyException.class)
			.isThrownBy(() -> catalog.help(NESTED_FILTER, null, 0, 0))
			.satisfies((ex) -> assertThat(ex.filter()).isEqualTo(NESTED_FILTER));
		System.out.println("nested filter gave up after " + (System.nanoTime() - start) / 1_000_000 + " ms");
	}

	@Test
	void matchWhenFormatNestsRepeatsShouldGiveUpOnThatFormatQuickly() {
		AliasCatalog catalog = sixAliases("((.*)*)*zz {{x}}");
		long start = System.nanoTime();
		MatchOutcome outcome = catalog.match("status of web in the production environment");
		System.out.println("hostile format cost " + (System.nanoTime() - start) / 1_000_000 + " ms");
		assertThat(outcome).isInstanceOf(MatchOutcome.Matched.class);
	}

}
