package io.github.st2chatops.gateway.alias;

import java.util.regex.Matcher;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Python regular expressions run by {@code java.util.regex}.
 */
class PyRegexTranslatorTests {

	@ParameterizedTest(name = "{0}: {1} in \"{2}\" found is {3}")
	@MethodSource("searches")
	void compileShouldSearchAsPythonDoes(String rule, String python, String text, boolean found) {
		assertThat(PyRegexTranslator.compile(python, 0).pattern().matcher(text).find()).isEqualTo(found);
	}

	static Stream<Arguments> searches() {
		return Stream.of(found("$ also matches before a final newline", "end$", "end\n"),
				notFound("$ also matches before a final newline", "end$", "end\r\n"),
				notFound("$ also matches before a final newline", "end$", "end\n\n"),
				notFound("$ also matches before a final newline", "end\\Z", "end\n"),
				found("$ also matches before a final newline", "(?m)end$", "end\nmore"),
				found(". excludes only a newline", "a.b", "a\rb"),
				found(". excludes only a newline", "a.b", "a\u2028b"),
				notFound(". excludes only a newline", "a.b", "a\nb"),
				found(". excludes only a newline", "(?s)a.b", "a\nb"),
				found("categories follow Python's Unicode", "^\\s$", "\u001c"),
				found("categories follow Python's Unicode", "^\\s$", "\u00a0"),
				notFound("categories follow Python's Unicode", "^\\w$", "\u0301"),
				found("categories follow Python's Unicode", "^\\w$", "²"),
				notFound("categories follow Python's Unicode", "^(?a:\\w)$", "é"),
				found("categories follow Python's Unicode", "^\\d$", "٣"),
				notFound("categories follow Python's Unicode", "é\\b", "éa"),
				found("categories follow Python's Unicode", "[\\b]", "\b"),
				found("a conditional depends on the group taking part", "^(q)?(?(1)r|s)$", "qr"),
				found("a conditional depends on the group taking part", "^(q)?(?(1)r|s)$", "s"),
				notFound("a conditional depends on the group taking part", "^(q)?(?(1)r|s)$", "qs"),
				found("a look-behind may hold a back reference", "(?P<a>ab)c(?<=(?P=a)c)", "abc"),
				notFound("a look-behind may hold a back reference", "(?P<a>ab)x(?<=(?P=a)c)", "abx"),
				found("braces that are no repeat are literal", "^a{$", "a{"),
				found("braces that are no repeat are literal", "^a{x}$", "a{x}"),
				found("braces that are no repeat are literal", "^{}$", "{}"),
				found("braces that are no repeat are literal", "^a{,2}$", "aa"),
				found("braces that are no repeat are literal", "^a{2}$", "aa"),
				found("scoped case folding applies only inside", "^(?i:ab)c$", "ABc"),
				notFound("scoped case folding applies only inside", "^(?i:ab)c$", "ABC"),
				notFound("scoped case folding applies only inside", "(?i)^straße$", "STRASSE"),
				found("scoped case folding applies only inside", "(?i)^é$", "É"),
				found("verbose ignores space and comments", "(?x)^ a b # comment\n c$", "abc"),
				found("verbose ignores space and comments", "(?x)^[ ]$", " "));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("compilations")
	void compileShouldRefuseWhatPythonRefusesWithItsErrorClassAndAcceptTheRest(String python, String outcome) {
		String refusal;
		try {
			PyRegexTranslator.compile(python, 0);
			refusal = "accepted";
		}
		catch (PyRegexException ex) {
			refusal = ex.pythonType();
		}
		assertThat(refusal).isEqualTo(outcome);
	}

	static Stream<Arguments> compilations() {
		return Stream.of(arguments("a**", "re.error"), arguments("^*", "re.error"), arguments("(?<=a|bc)", "re.error"),
				arguments("(?P<1>x)", "re.error"), arguments("(?P=x)", "re.error"), arguments("\\1(a)", "re.error"),
				arguments("[z-a]", "re.error"), arguments("a(?i)", "re.error"), arguments("(?L)a", "re.error"),
				arguments("(?a)(?u)", "ValueError"), arguments("a{4294967295}", "OverflowError"),
				arguments("\\N{NO SUCH NAME}", "re.error"), arguments("(?(2)a|b)(c)", "re.error"),
				arguments("(?(1)a|b|c)(d)", "re.error"), arguments("a{1,}{", "accepted"),
				arguments("(?(1)a|b)(c)", "accepted"), arguments("(?>a+)b*+", "accepted"),
				arguments("\\N{EM DASH}\\u00e9\\x41\\101\\0", "accepted"),
				arguments("(?#comment)(?i:x)(?-i:y)", "accepted"), arguments("[]a-]", "accepted"));
	}

	@Test
	void compileWhenGroupNamesAreNotJavaNamesShouldStillCapture() {
		JavaRegex regex = PyRegexTranslator.compile("(?P<_p>a)(?P<naïve>b)(?P=_p)", 0);
		Matcher matcher = regex.pattern().matcher("aba");
		assertThat(matcher.find()).isTrue();
		assertThat(regex.group(matcher, regex.groupIndex().get("_p"))).isEqualTo("a");
		assertThat(regex.group(matcher, regex.groupIndex().get("naïve"))).isEqualTo("b");
	}

	@Test
	void parseWhenBranchesShareAPrefixShouldMoveItOutAsPythonDoes() {
		PyRegex regex = PyRegexParser.parse("^a|^b", 0);
		assertThat(regex.root().nodes).hasSize(2).first().isEqualTo(new PyNode.At(PyNode.AtCode.BEGINNING));
		assertThat(AnchorSearch.search(AnchorSearch.BEGINNING, regex.root(), false)).isTrue();
		assertThatExceptionOfType(PyRegexException.class).isThrownBy(() -> PyRegexParser.parse("(", 0));
	}

	private static Arguments found(String rule, String python, String text) {
		return arguments(rule, python, text, true);
	}

	private static Arguments notFound(String rule, String python, String text) {
		return arguments(rule, python, text, false);
	}

}
