package io.github.st2chatops.gateway.alias;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * st2's format semantics, quirk by quirk. Every expected value here is what st2 (on
 * CPython 3.11) produces for the same format and command.
 */
class AliasFormatParserTests {

	private static Map<String, String> extract(String format, String command) {
		return AliasFormatParser.compile(format).extract(command);
	}

	@Test
	void extractWhenFormatHasRegexCharactersShouldTreatThemAsRegex() {
		assertThat(extract("run . now", "run x now")).isEmpty();
		assertThatExceptionOfType(AliasCommandMismatchException.class)
			.isThrownBy(() -> extract("run . now", "run xx now"));
	}

	@Test
	void extractWhenParametersHaveDefaultsShouldFillMissingOnes() {
		assertThat(extract("acl {{a}} {{b}} {{c}} {{d=1}}", "acl \"a1 a2\" \"b1\" \"c1\""))
			.containsExactly(entry("a", "a1 a2"), entry("b", "b1"), entry("c", "c1"), entry("d", "1"));
		assertThat(extract("skip {{a=\"quoted default\"}}", "skip")).containsExactly(entry("a", "quoted default"));
		assertThat(extract("skip {{ a = two words }}", "skip")).containsExactly(entry("a", "two words"));
		assertThat(extract("hands of {{ color = {{ colors.default }} }}", "hands of"))
			.containsExactly(entry("color", "{{ colors.default }}"));
	}

	@Test
	void extractWhenValueIsQuotedOrJsonShouldUnwrapQuotesOnly() {
		assertThat(extract("x {{p}}", "x \"quoted value\"")).containsExactly(entry("p", "quoted value"));
		assertThat(extract("x {{p}}", "x 'single'")).containsExactly(entry("p", "single"));
		assertThat(extract("x {{p}}", "x {\"a\": 1}")).containsExactly(entry("p", "{\"a\": 1}"));
	}

	@Test
	void extractWhenCommandEndsWithPairsShouldAddAndOverride() {
		assertThat(extract("foo {{a}}", "foo bar b=1")).containsExactly(entry("a", "bar"), entry("b", "1"));
		assertThat(extract("{{a}}", "a=1")).containsExactly(entry("a", "1"));
		assertThat(extract("", "a=foobar1 b=\"boobar2 3 4\" c='coobar3 4' d={\"a\": \"b\"}")).containsExactly(
				entry("a", "foobar1"), entry("b", "boobar2 3 4"), entry("c", "coobar3 4"),
				entry("d", "{\"a\": \"b\"}"));
		// the pair is taken out before matching, so nothing is left for {{a}}
		assertThatExceptionOfType(AliasCommandMismatchException.class)
			.isThrownBy(() -> extract("foo {{a}}", "foo b=1"));
	}

	@Test
	void extractWhenRequiredParameterGetsNothingShouldBeASingleSpace() {
		assertThat(extract("{{a}}", "")).containsExactly(entry("a", " "));
		assertThat(extract("{{a}}", null)).containsExactly(entry("a", " "));
	}

	@Test
	void extractWhenNamedGroupTakesNoPartShouldBeNull() {
		Map<String, String> expected = new HashMap<>();
		expected.put("x", null);
		expected.put("y", "v");
		assertThat(extract("(?P<x>a)?b {{y}}", "b v")).isEqualTo(expected);
	}

	@Test
	void extractWhenNothingIsSuppliedAndNothingDefaultsShouldFail() {
		assertThatExceptionOfType(AliasValueMissingException.class).isThrownBy(() -> extract("(?P<x>a)?", ""));
	}

	@Test
	void extractWhenFormatUsesPythonGroupsShouldSupportNamesAndBackReferences() {
		assertThat(extract("(?P<issue>[A-Z]+-\\d+) dup of (?P=issue)", "AB-1 dup of AB-1"))
			.containsExactly(entry("issue", "AB-1"));
		assertThatExceptionOfType(AliasCommandMismatchException.class)
			.isThrownBy(() -> extract("(?P<issue>[A-Z]+-\\d+) dup of (?P=issue)", "AB-1 dup of AB-2"));
		assertThat(extract("get (?P<_private>\\d+)", "get 42")).containsExactly(entry("_private", "42"));
		assertThat(extract("get (?P<naïve>\\w+)", "get héllo")).containsExactly(entry("naïve", "héllo"));
		assertThat(extract("get {{ naïve }}", "get x")).containsExactly(entry("naïve", "x"));
	}

	@Test
	void extractWhenFormatUsesCharacterClassesShouldUsePythonsUnicodeOnes() {
		assertThat(extract("a\\sb", "a\u00a0b")).isEmpty();
		assertThat(extract("a\\sb", "a\u001cb")).isEmpty();
		assertThat(extract("w (?P<x>\\w+)", "w ١٢é_z")).containsExactly(entry("x", "١٢é_z"));
		assertThat(extract("d (?P<x>\\d+)", "d ٣٤")).containsExactly(entry("x", "٣٤"));
		assertThat(extract("\\bcat\\b {{x}}", "cat y")).containsExactly(entry("x", "y"));
		// a literal space in the format is only a space
		assertThatExceptionOfType(AliasCommandMismatchException.class)
			.isThrownBy(() -> extract("say {{a}}", "say\u00a0hi"));
	}

	@Test
	void extractWhenFormatHasBracesThatAreNoRepeatShouldTreatThemAsText() {
		assertThat(extract("x {a} {{b}}", "x {a} v")).containsExactly(entry("b", "v"));
		assertThat(extract("x{} {{b}}", "x{} v")).containsExactly(entry("b", "v"));
		// {,2} is a repeat in Python
		assertThat(extract("x{,2}y", "xxy")).isEmpty();
		assertThatExceptionOfType(AliasCommandMismatchException.class).isThrownBy(() -> extract("x{,2}y", "x{,2}y"));
	}

	@Test
	void compileWhenFormatHasAnchorsShouldAddOnlyTheMissingOnes() {
		assertThat(AliasFormatParser.compile("^\\s*foo {{a}}").regex()).doesNotStartWith("^\\s*^");
		assertThat(AliasFormatParser.compile("foo {{a}}\\s*$").regex()).startsWith("^\\s*foo").endsWith("\\s*$");
		// only the second alternative of a branch is searched, as st2 does
		assertThat(AliasFormatParser.compile("foo|^bar").regex()).isEqualTo("foo|^bar\\s*$");
		assertThat(AliasFormatParser.compile("^foo|bar").regex()).isEqualTo("^\\s*^foo|bar\\s*$");
		assertThat(extract("foo|^bar", "foo")).isEmpty();
		assertThatExceptionOfType(AliasCommandMismatchException.class).isThrownBy(() -> extract("foo|^bar", "bar"));
	}

	@Test
	void compileWhenInlineFlagsShouldFollowPython311() {
		// st2 puts ^\s* in front, so a global flag is no longer at the start
		assertThatExceptionOfType(AliasFormatInvalidException.class)
			.isThrownBy(() -> AliasFormatParser.compile("(?i)deploy {{x}}"))
			.satisfies((ex) -> assertThat(ex.pythonError()).isEqualTo("re.error"));
		assertThat(extract("(?i)^\\s*deploy {{x}}", "DEPLOY web")).containsExactly(entry("x", "web"));
		assertThat(extract("(?i:deploy) {{x}}", "DEPLOY web")).containsExactly(entry("x", "web"));
	}

	@Test
	void compileWhenPythonRejectsTheRegexShouldBeInvalid() {
		assertThat(invalid("{{a}} {{a}}")).isEqualTo("re.error");
		assertThat(invalid("{{a-b}}")).isEqualTo("re.error");
		assertThat(invalid("foo(?<=a+)")).isEqualTo("re.error");
		assertThat(invalid("(configure")).isEqualTo("re.error");
		assertThat(invalid("bad \\q escape")).isEqualTo("re.error");
		assertThat(invalid("a{99999999999}")).isEqualTo("OverflowError");
	}

	@Test
	void extractWhenDefaultNamesNoGroupShouldFailLikeSt2OnlyOnMatch() {
		CompiledFormat format = AliasFormatParser.compile("go {{ a>b=1 }}");
		assertThat(format.undefinedDefaults()).containsExactly("a>b");
		assertThatExceptionOfType(AliasFormatInvalidException.class).isThrownBy(() -> format.extract("go"))
			.satisfies((ex) -> assertThat(ex.pythonError()).isEqualTo("KeyError"));
		assertThatExceptionOfType(AliasCommandMismatchException.class).isThrownBy(() -> format.extract("stop"));
	}

	@Test
	void extractWhenBacktrackingExplodesShouldGiveUpAsNoMatch() {
		// st2 would backtrack for minutes here: five lazy parameters and no "end"
		CompiledFormat format = AliasFormatParser.compile("run {{a}} {{b}} {{c}} {{d}} {{e}} end");
		long start = System.nanoTime();
		assertThat(format.matches("run " + "x ".repeat(2000))).isFalse();
		assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
		assertThat(format.extract("run 1 2 3 4 5 end")).containsEntry("e", "5");
	}

	@Test
	void extractParametersWhenMatchMultipleShouldReturnEveryMatch() {
		String format = "(?:\\b|^)fix (?P<k>[A-Z]+-\\d+)(?:\\b|$)";
		assertThat(AliasFormatParser.extractParameters(format, "fix AB-1 and fix CD-2", true))
			.containsExactly(Map.of("k", "AB-1"), Map.of("k", "CD-2"));
		assertThat(AliasFormatParser.extractParameters(format, "nothing", true)).isEmpty();
	}

	@Test
	void extractParametersWhenFormatIsNotTheAliasesShouldFail() {
		AliasDefinition alias = AliasFixtures.alias("a", AliasFixtures.entry("help", "show {{x}}"), "list");
		assertThat(AliasFormatParser.extractParameters(alias, "show {{x}}", "show y", false))
			.containsExactly(Map.of("x", "y"));
		assertThatExceptionOfType(AliasFormatUnavailableException.class)
			.isThrownBy(() -> AliasFormatParser.extractParameters(alias, "help", "help", false));
	}

	@Test
	void parameterNamesShouldListTheNamedGroupsInOrder() {
		assertThat(AliasFormatParser.compile("{{b}} (?P<a>x) {{c=1}}").parameterNames())
			.isEqualTo(List.of("b", "a", "c"));
	}

	private static String invalid(String format) {
		try {
			AliasFormatParser.compile(format);
			return "valid";
		}
		catch (AliasFormatInvalidException ex) {
			return ex.pythonError();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "run {{a}}", "run  \t{{a}} {{ b = 1 }}x{{c=\"q r\"}}", "{{{a}}}", "{{ {{a}}", "a {{b",
			"{{a}}{{b}}", "x\u2003{{a}}", "{{a} }}", "{{a=}}", "{{=b}} {{c = {d}}}" })
	void substituteParametersWhenSearchingFromBracesShouldEqualSearchingEverywhere(String format) {
		String expected = substituteEverywhere(St2Snippets.OPTIONAL_SUB_REGEX, format, true);
		expected = substituteEverywhere(St2Snippets.REQUIRED_SUB_REGEX, expected, false);
		assertThat(CompiledFormat.substituteParameters(format)).isEqualTo(expected);
	}

	// st2's re.sub, tried at every position
	private static String substituteEverywhere(JavaRegex regex, String text, boolean optional) {
		Matcher matcher = regex.pattern().matcher(text);
		StringBuilder result = new StringBuilder();
		int last = 0;
		while (matcher.find()) {
			String space = orEmpty(regex.group(matcher, 1));
			String group = St2Snippets.parameterGroup(space, orEmpty(regex.group(matcher, 2)));
			result.append(text, last, matcher.start()).append(optional ? "(?:" + group + ")?" : group);
			last = matcher.end();
		}
		return result.append(text, last, text.length()).toString();
	}

	private static String orEmpty(String value) {
		return (value != null) ? value : "";
	}

}
