package io.github.st2chatops.gateway.relay;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class St2MessageTests {

	@Test
	void resolveWithoutDelimiterShouldKeepTheText() {
		assertThat(St2Message.resolve("Action core.local completed.\nstatus : succeeded\n"))
			.isEqualTo("Action core.local completed.\nstatus : succeeded");
	}

	@Test
	void resolveWithPretextAndTextShouldPutThemOnSeparateLines() {
		// hubot-stackstorm's ERROR_MESSAGES form
		assertThat(St2Message.resolve("I'm sorry, Dave. I'm afraid I can't do that. {~} Action not found"))
			.isEqualTo("I'm sorry, Dave. I'm afraid I can't do that.\n Action not found");
	}

	@Test
	void resolveShouldDropBlankLinesAfterTheDelimiterButKeepIndentation() {
		assertThat(St2Message.resolve("Issue created{~}\n\n  key : ST2-42\n  url : x\n"))
			.isEqualTo("Issue created\n  key : ST2-42\n  url : x");
	}

	@Test
	void resolveWithOnlyOnePartShouldGiveThatPart() {
		assertThat(St2Message.resolve("pretext only{~}")).isEqualTo("pretext only");
		assertThat(St2Message.resolve("{~}text only")).isEqualTo("text only");
		assertThat(St2Message.resolve("  {~}  ")).isEmpty();
		assertThat(St2Message.resolve(null)).isEmpty();
	}

	@Test
	void resolveShouldSplitAtTheFirstDelimiterOnlyAndKeepTheRest() {
		assertThat(St2Message.resolve("a{~}b{~}c")).isEqualTo("a\nb{~}c");
	}

}
