package io.github.st2chatops.gateway.command;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineParserTests {

	private final CommandLineParser prefixed = new CommandLineParser("!st2");

	private final CommandLineParser bare = new CommandLineParser("");

	@Test
	void parseWhenPrefixedShouldStripThePrefix() {
		assertThat(this.prefixed.parse("!st2 deploy web", false)).isEqualTo(new CommandLine.Alias("deploy web", true));
		assertThat(this.prefixed.parse("  !st2   deploy web  ", false))
			.isEqualTo(new CommandLine.Alias("deploy web", true));
	}

	@Test
	void parseWhenNotPrefixedAndNotAddressedShouldNotBeForUs() {
		assertThat(this.prefixed.parse("deploy web", false)).isInstanceOf(CommandLine.NotForUs.class);
		assertThat(this.prefixed.parse("!st2deploy web", false)).isInstanceOf(CommandLine.NotForUs.class);
		assertThat(this.prefixed.parse("!st2x help", false)).isInstanceOf(CommandLine.NotForUs.class);
	}

	@Test
	void parseWhenAddressedShouldNeedNoPrefix() {
		assertThat(this.prefixed.parse("deploy web", true)).isEqualTo(new CommandLine.Alias("deploy web", true));
	}

	@Test
	void parseWhenHelpGluedToPrefixShouldBeHelp() {
		assertThat(this.prefixed.parse("!st2help", false)).isEqualTo(new CommandLine.Help("", true));
		assertThat(this.prefixed.parse("!st2help deploy pack=ops", false))
			.isEqualTo(new CommandLine.Help("deploy pack=ops", true));
		assertThat(this.prefixed.parse("!st2 help", false)).isEqualTo(new CommandLine.Help("", true));
	}

	@Test
	void parseWhenOnlyThePrefixShouldBeHelp() {
		assertThat(this.prefixed.parse("!st2", false)).isEqualTo(new CommandLine.Help("", true));
	}

	@Test
	void parseWhenMatchShouldBeADryRun() {
		assertThat(this.prefixed.parse("!st2 match deploy web", false))
			.isEqualTo(new CommandLine.DryRun("deploy web", true));
	}

	@Test
	void parseWhenWordOnlyStartsLikeABuiltInShouldBeAnAliasLine() {
		assertThat(this.prefixed.parse("!st2 helpdesk open", false))
			.isEqualTo(new CommandLine.Alias("helpdesk open", true));
		assertThat(this.prefixed.parse("!st2 matchmaker", false)).isEqualTo(new CommandLine.Alias("matchmaker", true));
	}

	@Test
	void parseInBareModeShouldTryEveryLineQuietly() {
		assertThat(this.bare.parse("deploy web", false)).isEqualTo(new CommandLine.Alias("deploy web", false));
		assertThat(this.bare.parse("help", false)).isEqualTo(new CommandLine.Help("", false));
		assertThat(this.bare.parse("", false)).isInstanceOf(CommandLine.NotForUs.class);
		assertThat(this.bare.parse("deploy web", true)).isEqualTo(new CommandLine.Alias("deploy web", true));
	}

}
