package io.github.st2chatops.gateway.alias;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How st2 takes trailing {@code key=value} pairs out of a command.
 */
class ParsedCommandTests {

	@Test
	void ofWhenPairsEndTheCommandShouldTakeThemOutInOrder() {
		ParsedCommand parsed = ParsedCommand.of("run it a=1 b=\"two words\" c='x y' d={\"k\": 1} e=\"\"");
		assertThat(parsed.pairs()).containsExactly(Map.entry("a", "1"), Map.entry("b", "two words"),
				Map.entry("c", "x y"), Map.entry("d", "{\"k\": 1}"), Map.entry("e", ""));
		assertThat(parsed.stream()).isEqualTo(" run it ");
	}

	@Test
	void ofWhenPairIsFollowedByTextShouldKeepIt() {
		assertParsed("a=1 then more", List.of(), " a=1 then more ");
	}

	@Test
	void ofWhenPairsTextAlsoOccursEarlierShouldRemoveEveryOccurrence() {
		// st2 uses str.replace on the whole command
		assertParsed("x a=1 y a=1", List.of(Map.entry("a", "1")), " x y ");
	}

	@Test
	void ofWhenCommandIsNullShouldBeEmpty() {
		assertParsed(null, List.of(), "  ");
	}

	@Test
	void ofWhenOnlyPairsShouldLeaveBlankStream() {
		assertParsed("a=foobar1", List.of(Map.entry("a", "foobar1")), "  ");
	}

	@Test
	void endingPairsWhenSearchedOnlyAtWordStartsShouldEqualSt2sExpression() {
		Random random = new Random(42);
		List<String> pieces = List.of("a", "b", "key", "=", "==", "\"", "'", "{", "}", " ", " ", "  ", "\t", "\n",
				"\u00a0", "x=y", "k=\"v w\"", "k='v'", "k={\"j\": 1}", "é", "=x", "a =b", "\"\"", "''");
		for (int n = 0; n < 20000; n++) {
			StringBuilder command = new StringBuilder();
			int length = random.nextInt(9);
			for (int i = 0; i < length; i++) {
				command.append(pieces.get(random.nextInt(pieces.size())));
			}
			String text = command.toString();
			assertThat(ParsedCommand.endingPairs(text)).as("[%s]", text).isEqualTo(slowEndingPairs(text));
		}
	}

	private static void assertParsed(String command, List<Map.Entry<String, String>> pairs, String stream) {
		ParsedCommand parsed = ParsedCommand.of(command);
		assertThat(parsed.pairs()).containsExactlyElementsOf(pairs);
		assertThat(parsed.stream()).isEqualTo(stream);
	}

	private static String slowEndingPairs(String text) {
		Matcher matcher = St2Snippets.ENDING_REGEX.pattern().matcher(text);
		assertThat(matcher.lookingAt()).isTrue();
		return St2Snippets.ENDING_REGEX.group(matcher, 1);
	}

}
