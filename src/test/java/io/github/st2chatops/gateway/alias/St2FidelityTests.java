package io.github.st2chatops.gateway.alias;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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
		assertThat(Stream.of("\u0e33", "a\u0e33", "\u2e2f", "\ufe70", "a\ufe70", "a\uff9f", "\u2118")
			.filter(PyChars::isIdentifier)).containsExactly("a\u0e33", "a\uff9f", "\u2118");
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

	@ParameterizedTest(name = "{0} against {1}: {2}")
	@CsvSource(delimiter = '|', textBlock = """
			(?i:[A-Z])         | \u212a     | true
			(?i:[A-Z])         | \u0130     | true
			(?i:[A-Z])         | \u0131     | true
			(?i:[A-Z])         | \u017f     | true
			(?i:[A-Z])         | \u00df     | false
			(?i:[A-Z])         | \u00e9     | false
			(?ia:[A-Z])        | \u212a     | false
			(?i:\ufb05)        | \ufb06     | true
			(?i:\ufb06)        | \ufb05     | true
			(?i:[\ufb05x])     | \ufb06     | true
			(?i:\u00df)        | \u1e9e     | true
			(?i:\u1e9e)        | \u00df     | true
			(?i:[\u00dfx])     | \u1e9e     | true
			(?i:ss)            | \u00df     | false
			(?i:k)             | \u212a     | true
			(?i:[^k])          | \u212a     | false
			(?i:[^A-Z])        | \u212a     | false
			(?i:\u03c3)        | \u03c2     | true
			(?i:\u03c3)        | \u03a3     | true
			(?ia:k)            | K          | true
			(?i:\ud801\udc00)  | \ud801\udc28 | true
			(?i:[\ud801\udc00x]) | \ud801\udc00 | false
			(?i:[\ud801\udc00x]) | \ud801\udc28 | false
			""")
	void formatWhenCaseIsIgnoredShouldFoldAsPythonDoes(String format, String command, boolean matches) {
		// CPython lowercases the character and looks it up among the lowercased members
		// plus its extra case pairs (checked with CPython 3.11.7)
		assertThat(CompiledFormat.compile(format).matches(command)).isEqualTo(matches);
	}

	@Test
	void formatWhenBackReferenceIgnoresCaseShouldFoldAsJavaDoesAsDocumented() {
		CompiledFormat format = CompiledFormat.compile("(?i:(?P<a>\\w)(?P=a))");
		assertThat(format.extract("aA")).isEqualTo(Map.of("a", "a"));
		// st2 gives no match here (dotless i lowercases to itself): docs/operations.md
		assertThat(format.matches("\u0131I")).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "((?P<g>a))*a", "x((?P<g>\\S))*(?P=g)", "(?:x(?!(?P<g>a))|xa)", "go(?P<g>)*",
			"(?:(?P<g>\\S)+){2}", "(?:(?=(?P<g>a))x|a)", "(?:(?>(?P<g>a))b|a)", "(?P<g>a)*+", "(?:(a)b)*\\1",
			"(a)*(?(1)b)" })
	void formatWhenAGroupCouldBeBacktrackedOutOfShouldBeUnsupportedNotMatchedDifferently(String format) {
		// st2: g=None, no match, g=None, g="", g="c" for the first five; Java's engine
		// books these captures differently
		assertThatExceptionOfType(AliasFormatInvalidException.class).isThrownBy(() -> CompiledFormat.compile(format))
			.satisfies((ex) -> {
				assertThat(ex.pythonError()).isEqualTo(PyRegexException.UNSUPPORTED);
				assertThat(ex.reason()).contains(" is inside ", "could differ from st2's");
			});
	}

	@Test
	void catalogWhenAFormatIsUnsupportedShouldListItWithItsReason() {
		AliasCatalog catalog = AliasCatalog
			.compile(List.of(AliasFixtures.alias("loop", "go(?P<g>)*"), AliasFixtures.alias("ok", "ping {{host}}")));
		assertThat(catalog.invalidFormats()).singleElement().satisfies((invalid) -> {
			assertThat(invalid.aliasRef()).isEqualTo("pack.loop");
			assertThat(invalid.reason()).startsWith("the named group 'g' is inside a repeat: when Python backtracks");
		});
		assertThat(catalog.match("go")).isEqualTo(new MatchOutcome.NoMatch());
		assertThat(catalog.match("ping db1")).isInstanceOf(MatchOutcome.Matched.class);
	}

	@Test
	void formatWhenARepeatHoldsExactlyOneSimpleGroupShouldMatchAsSt2() {
		// the shape java.util.regex books as CPython does (checked with CPython 3.11.7)
		assertThat(CompiledFormat.compile("run (?P<g>\\S)+ now").extract("run abc now")).isEqualTo(Map.of("g", "c"));
		assertThat(CompiledFormat.compile("x(?P<g>\\S)*(?P=g)").matches("xa")).isFalse();
		assertThat(CompiledFormat.compile("x(?P<g>\\S)*(?P=g)").extract("xaa")).isEqualTo(Map.of("g", "a"));
		assertThat(CompiledFormat.compile("run(?: --(?P<opt>\\w+))? {{x}}").extract("run --fast y"))
			.isEqualTo(Map.of("opt", "fast", "x", "y"));
	}

}
