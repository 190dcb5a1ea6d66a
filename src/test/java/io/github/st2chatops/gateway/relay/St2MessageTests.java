package io.github.st2chatops.gateway.relay;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class St2MessageTests {

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void resolveShouldPutPretextAndTextOnSeparateLines(String message, String expected) {
		assertThat(St2Message.resolve(message)).isEqualTo(expected);
	}

	static Stream<Arguments> resolveShouldPutPretextAndTextOnSeparateLines() {
		return Stream.of(
				arguments(
						named("without delimiter keeps the text", "Action core.local completed.\nstatus : succeeded\n"),
						"Action core.local completed.\nstatus : succeeded"),
				// hubot-stackstorm's ERROR_MESSAGES form
				arguments(
						named("pretext and text on separate lines",
								"I'm sorry, Dave. I'm afraid I can't do that. {~} Action not found"),
						"I'm sorry, Dave. I'm afraid I can't do that.\n Action not found"),
				arguments(
						named("drops blank lines after the delimiter but keeps indentation",
								"Issue created{~}\n\n  key : ST2-42\n  url : x\n"),
						"Issue created\n  key : ST2-42\n  url : x"),
				arguments(named("pretext only", "pretext only{~}"), "pretext only"),
				arguments(named("text only", "{~}text only"), "text only"),
				arguments(named("blank parts", "  {~}  "), ""), arguments(named("nothing", null), ""),
				arguments(named("splits at the first delimiter only and keeps the rest", "a{~}b{~}c"), "a\nb{~}c"));
	}

}
