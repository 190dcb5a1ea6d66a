package io.github.st2chatops.gateway.alias;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Adding st2's anchors to the parsed tree must give what parsing st2's anchored text
 * gives, as st2 does it.
 */
class AnchorsTests {

	@ParameterizedTest
	@ValueSource(strings = { "", "deploy {{app}}", "^run {{x}}", "run {{x}}$", "\\Arun\\Z", "a|b", "ab|ac", "(a|b)c",
			"[|]x", "[]|]x", "[^]|]x|y", "\\|x", "x\\\\|y", "(?i)run", "(?x)run # note", "(?x:a # c\n)b", "run #1",
			"a{1,", "a{", "x(?:^y)", "(?P<n>a)(?(n)b|c)", "(?#a|b)c", "[a-z]+ (?:on|at) {{host}}", "x[\\]|]y" })
	void addWhenGivenARegexShouldEqualParsingTheAnchoredText(String format) {
		assertSameAsReparsed(CompiledFormat.substituteParameters(format));
	}

	@ParameterizedTest
	@ValueSource(strings = { "catalog-100.json", "catalog-real.json" })
	void addWhenGivenABenchCatalogShouldEqualParsingTheAnchoredText(String name) throws IOException {
		List<String> regexes = new ArrayList<>();
		for (AliasDefinition alias : AliasFixtures.readCatalog(AliasFixtures.BENCH.resolve(name)).aliases()) {
			for (Object format : AliasFormats.formatStrings(alias)) {
				if (format instanceof String text) {
					regexes.add(CompiledFormat.substituteParameters(text));
				}
			}
		}
		regexes.forEach(AnchorsTests::assertSameAsReparsed);
		assertThat(regexes).isNotEmpty();
	}

	@Test
	void addWhenGlobalFlagsComeFirstShouldFailAsPythonDoes() {
		PyRegex parsed = PyRegexParser.parse("(?i)run", PyRegexParser.DOTALL);
		assertThatExceptionOfType(PyRegexException.class).isThrownBy(() -> Anchors.add("(?i)run", parsed))
			.withMessageContaining("global flags not at the start");
	}

	@Test
	void concatenatesWhenBarIsEscapedOrInASetOrGroupShouldBeTrue() {
		assertThat(Stream.of("a\\|b", "a[|]b", "a[]|]b", "(a|b)", "a|b", "[]]|b", "(?i)a", "a#b")
			.filter(Anchors::concatenates)).containsExactly("a\\|b", "a[|]b", "a[]|]b", "(a|b)");
	}

	private static void assertSameAsReparsed(String regex) {
		PyRegex parsed;
		try {
			parsed = PyRegexParser.parse(regex, PyRegexParser.DOTALL);
		}
		catch (PyRegexException ex) {
			return;
		}
		String anchored = regex;
		if (!AnchorSearch.search(AnchorSearch.BEGINNING, parsed.root(), false)) {
			anchored = "^\\s*" + anchored;
		}
		if (!AnchorSearch.search(AnchorSearch.END, parsed.root(), true)) {
			anchored = anchored + "\\s*$";
		}
		PyRegex expected;
		try {
			expected = PyRegexParser.parse(anchored, PyRegexParser.DOTALL);
		}
		catch (PyRegexException ex) {
			assertThatExceptionOfType(PyRegexException.class).as(regex)
				.isThrownBy(() -> Anchors.add(regex, parsed))
				.withMessage(ex.getMessage());
			return;
		}
		PyRegex actual = Anchors.add(regex, parsed);
		assertThat(actual.pattern()).as(regex).isEqualTo(expected.pattern());
		assertThat(actual.root()).as(regex).hasToString(expected.root().toString());
		assertThat(actual.flags()).as(regex).isEqualTo(expected.flags());
		assertThat(actual.groups()).as(regex).isEqualTo(expected.groups());
		assertThat(actual.groupIndex()).as(regex).isEqualTo(expected.groupIndex());
	}

}
