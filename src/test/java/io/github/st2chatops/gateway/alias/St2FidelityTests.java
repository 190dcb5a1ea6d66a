package io.github.st2chatops.gateway.alias;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Cases where a differential fuzz against st2 (CPython 3.11) found the gateway answering
 * differently, with st2's answer, and cases around them (checked with CPython 3.11.7).
 */
class St2FidelityTests {

	@Test
	void formatWhenGroupNameIsNoPythonIdentifierShouldBeInvalidAsInSt2() {
		// U+0E33 and U+037A are ID_Start but not XID_Start: re.error in st2
		for (String name : List.of("\u0e33", "\u037a", "\u0eb3", "\uff9e", "a\u037a", "a\u309b")) {
			assertThatExceptionOfType(AliasFormatInvalidException.class)
				.isThrownBy(() -> CompiledFormat.compile("{{" + name + "}}"))
				.satisfies((ex) -> assertThat(ex.pythonError()).isEqualTo("re.error"));
		}
	}

	@Test
	void formatWhenGroupNameIsAPythonIdentifierShouldMatch() {
		// U+0E32 (before U+0E33), U+0E33 after a start (XID_Continue), é, a combining
		// mark
		for (String name : List.of("\u0e32", "a\u0e33", "\u00e9t\u00e9", "a\u0301", "_x", "\u30a2\uff9e")) {
			assertThat(CompiledFormat.compile("{{" + name + "}}").extract("x")).isEqualTo(Map.of(name, "x"));
		}
	}

	@Test
	void identifierShouldFollowPythonForEveryListedDifference() {
		assertThat(PyChars.isIdentifier("\u0e33")).isFalse();
		assertThat(PyChars.isIdentifier("a\u0e33")).isTrue();
		assertThat(PyChars.isIdentifier("\u2e2f")).isFalse();
		assertThat(PyChars.isIdentifier("\ufe70")).isFalse();
		assertThat(PyChars.isIdentifier("a\ufe70")).isFalse();
		assertThat(PyChars.isIdentifier("a\uff9f")).isTrue();
		assertThat(PyChars.isIdentifier("\u2118")).isTrue();
	}

	@Test
	void matchWhenSixHundredPairsEndTheLineShouldTakeThemAllAsSt2Does() {
		StringBuilder line = new StringBuilder("run");
		for (int i = 0; i < 600; i++) {
			line.append(" k").append(i).append("=v");
		}
		AliasCatalog catalog = AliasCatalog.compile(List.of(AliasFixtures.alias("run", "run")));
		assertThat(catalog.match(line.toString())).isInstanceOfSatisfying(MatchOutcome.Matched.class,
				(matched) -> assertThat(matched.parameters()).hasSize(600).containsEntry("k599", "v"));
		assertThat(ParsedCommand.of(line + " x").pairs()).isEmpty();
	}

}
