package io.github.st2chatops.gateway.alias;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * The fixed regular expressions st2's alias parser is built from, written in Python
 * syntax and compiled with our own Python translator, so that {@code \s}, {@code \S},
 * {@code .} and {@code $} in them mean exactly what they mean in st2.
 */
final class St2Snippets {

	/** A key: a non-spaced string. */
	private static final String KEY = "\\s*(\\S+?)\\s*";

	/** A value: quoted, in braces, or one word. */
	private static final String VALUE = "\"\"|''|\"(.+?)\"|'(.+?)'|({.+?})|(\\S+)";

	/** A default value: quoted, in braces, or any text. */
	private static final String EXT_VALUE = "\"\"|''|\"(.+?)\"|'(.+?)'|({.+?})|(.+?)";

	/** One {@code key=value} pair. */
	private static final String PAIR = "(?:^|\\s+)" + KEY + "=(" + VALUE + ")";

	/** Everything, then the space-separated pairs that end the command. */
	private static final String ENDING = ".*?((" + PAIR + "\\s*)*)$";

	/** A parameter with a default: {@code {{ name = default }}}. */
	private static final String OPTIONAL = "{{" + KEY + "\\s*=\\s*(?:" + EXT_VALUE + ")\\s*}}";

	/** A parameter without a default: {@code {{ name }}}. */
	private static final String REQUIRED = "{{" + KEY + "}}";

	/** The pairs at the end of a command (st2 matches it with {@code re.DOTALL}). */
	static final JavaRegex ENDING_REGEX = PyRegexTranslator.compile(ENDING, PyRegexParser.DOTALL);

	/**
	 * {@link #ENDING_REGEX} without its leading {@code .*?}: tried where the lazy
	 * {@code .*?} would stop.
	 */
	static final JavaRegex PAIRS_TO_END_REGEX = PyRegexTranslator.compile(ENDING.substring(3), PyRegexParser.DOTALL);

	/** One pair (found with {@code re.DOTALL}). */
	static final JavaRegex PAIR_REGEX = PyRegexTranslator.compile(PAIR, PyRegexParser.DOTALL);

	/** Defaults of a format (found with {@code re.DOTALL}). */
	static final JavaRegex OPTIONAL_REGEX = PyRegexTranslator.compile(OPTIONAL, PyRegexParser.DOTALL);

	/** Optional parameters with their leading space, replaced without flags. */
	static final JavaRegex OPTIONAL_SUB_REGEX = PyRegexTranslator.compile("(\\s*)" + OPTIONAL, 0);

	/** Required parameters with their leading space, replaced without flags. */
	static final JavaRegex REQUIRED_SUB_REGEX = PyRegexTranslator.compile("(\\s*)" + REQUIRED, 0);

	private St2Snippets() {
	}

	/**
	 * The named group st2 puts in place of a parameter: its leading space, an optional
	 * quote, then the value (quoted text, text in braces, or anything, lazily).
	 * @param space the space before the parameter in the format
	 * @param name the parameter name
	 * @return the Python regex text
	 */
	static String parameterGroup(String space, String name) {
		return space + "[\"\\']?(?P<" + name + ">(?:(?<=\\').+?(?=\\')|(?<=\").+?(?=\")|{.+?}|.+?))[\"\\']?";
	}

	/**
	 * Python's {@code re.findall} for a pattern with groups: each match's groups, a group
	 * that took no part being the empty string.
	 * @param regex the pattern
	 * @param text the text
	 * @return one array of groups (1..n) per match
	 */
	static List<String[]> findAll(JavaRegex regex, String text) {
		List<String[]> result = new ArrayList<>();
		Matcher matcher = regex.pattern().matcher(text);
		int groups = regex.javaGroups().length - 1;
		while (matcher.find()) {
			String[] values = new String[groups];
			for (int i = 0; i < groups; i++) {
				String value = regex.group(matcher, i + 1);
				values[i] = (value != null) ? value : "";
			}
			result.add(values);
		}
		return result;
	}

}
