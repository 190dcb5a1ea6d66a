package io.github.st2chatops.gateway.alias;

import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Python regular expressions run by {@code java.util.regex}.
 */
class PyRegexTranslatorTests {

	private static boolean finds(String python, String text) {
		return PyRegexTranslator.compile(python, 0).pattern().matcher(text).find();
	}

	private static String refusal(String python) {
		try {
			PyRegexTranslator.compile(python, 0);
			return "accepted";
		}
		catch (PyRegexException ex) {
			return ex.pythonType();
		}
	}

	@Test
	void compileWhenDollarShouldAlsoMatchBeforeAFinalNewline() {
		assertThat(finds("end$", "end\n")).isTrue();
		assertThat(finds("end$", "end\r\n")).isFalse();
		assertThat(finds("end$", "end\n\n")).isFalse();
		assertThat(finds("end\\Z", "end\n")).isFalse();
		assertThat(finds("(?m)end$", "end\nmore")).isTrue();
	}

	@Test
	void compileWhenDotShouldExcludeOnlyNewline() {
		assertThat(finds("a.b", "a\rb")).isTrue();
		assertThat(finds("a.b", "a\u2028b")).isTrue();
		assertThat(finds("a.b", "a\nb")).isFalse();
		assertThat(finds("(?s)a.b", "a\nb")).isTrue();
	}

	@Test
	void compileWhenCategoriesShouldFollowPythonUnicode() {
		assertThat(finds("^\\s$", "\u001c")).isTrue();
		assertThat(finds("^\\s$", "\u00a0")).isTrue();
		assertThat(finds("^\\w$", "\u0301")).isFalse();
		assertThat(finds("^\\w$", "²")).isTrue();
		assertThat(finds("^(?a:\\w)$", "é")).isFalse();
		assertThat(finds("^\\d$", "٣")).isTrue();
		assertThat(finds("é\\b", "éa")).isFalse();
		assertThat(finds("[\\b]", "\b")).isTrue();
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
	void compileWhenConditionalShouldDependOnGroupParticipation() {
		assertThat(finds("^(q)?(?(1)r|s)$", "qr")).isTrue();
		assertThat(finds("^(q)?(?(1)r|s)$", "s")).isTrue();
		assertThat(finds("^(q)?(?(1)r|s)$", "qs")).isFalse();
	}

	@Test
	void compileWhenLookBehindHasBackReferenceShouldWork() {
		assertThat(finds("(?P<a>ab)c(?<=(?P=a)c)", "abc")).isTrue();
		assertThat(finds("(?P<a>ab)x(?<=(?P=a)c)", "abx")).isFalse();
	}

	@Test
	void compileWhenBracesAreNotARepeatShouldBeLiteral() {
		assertThat(finds("^a{$", "a{")).isTrue();
		assertThat(finds("^a{x}$", "a{x}")).isTrue();
		assertThat(finds("^{}$", "{}")).isTrue();
		assertThat(finds("^a{,2}$", "aa")).isTrue();
		assertThat(finds("^a{2}$", "aa")).isTrue();
	}

	@Test
	void compileWhenCaseFoldingIsScopedShouldApplyOnlyInside() {
		assertThat(finds("^(?i:ab)c$", "ABc")).isTrue();
		assertThat(finds("^(?i:ab)c$", "ABC")).isFalse();
		assertThat(finds("(?i)^straße$", "STRASSE")).isFalse();
		assertThat(finds("(?i)^é$", "É")).isTrue();
	}

	@Test
	void compileWhenVerboseShouldIgnoreSpaceAndComments() {
		assertThat(finds("(?x)^ a b # comment\n c$", "abc")).isTrue();
		assertThat(finds("(?x)^[ ]$", " ")).isTrue();
	}

	@Test
	void compileWhenPythonRefusesShouldRaiseItsErrorClass() {
		assertThat(refusal("a**")).isEqualTo("re.error");
		assertThat(refusal("^*")).isEqualTo("re.error");
		assertThat(refusal("(?<=a|bc)")).isEqualTo("re.error");
		assertThat(refusal("(?P<1>x)")).isEqualTo("re.error");
		assertThat(refusal("(?P=x)")).isEqualTo("re.error");
		assertThat(refusal("\\1(a)")).isEqualTo("re.error");
		assertThat(refusal("[z-a]")).isEqualTo("re.error");
		assertThat(refusal("a(?i)")).isEqualTo("re.error");
		assertThat(refusal("(?L)a")).isEqualTo("re.error");
		assertThat(refusal("(?a)(?u)")).isEqualTo("ValueError");
		assertThat(refusal("a{4294967295}")).isEqualTo("OverflowError");
		assertThat(refusal("\\N{NO SUCH NAME}")).isEqualTo("re.error");
		assertThat(refusal("(?(2)a|b)(c)")).isEqualTo("re.error");
		assertThat(refusal("(?(1)a|b|c)(d)")).isEqualTo("re.error");
	}

	@Test
	void compileWhenPythonAcceptsShouldAccept() {
		assertThat(refusal("a{1,}{")).isEqualTo("accepted");
		assertThat(refusal("(?(1)a|b)(c)")).isEqualTo("accepted");
		assertThat(refusal("(?>a+)b*+")).isEqualTo("accepted");
		assertThat(refusal("\\N{EM DASH}\\u00e9\\x41\\101\\0")).isEqualTo("accepted");
		assertThat(refusal("(?#comment)(?i:x)(?-i:y)")).isEqualTo("accepted");
		assertThat(refusal("[]a-]")).isEqualTo("accepted");
	}

	@Test
	void parseWhenBranchesShareAPrefixShouldMoveItOutAsPythonDoes() {
		PyRegex regex = PyRegexParser.parse("^a|^b", 0);
		assertThat(regex.root().nodes).hasSize(2).first().isEqualTo(new PyNode.At(PyNode.AtCode.BEGINNING));
		assertThat(AnchorSearch.search(AnchorSearch.BEGINNING, regex.root(), false)).isTrue();
		assertThatExceptionOfType(PyRegexException.class).isThrownBy(() -> PyRegexParser.parse("(", 0));
	}

}
