package io.github.st2chatops.gateway.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A port of st2's {@code ActionAliasFormatParser}
 * ({@code st2common/models/utils/action_alias_utils.py}): how st2 itself extracts
 * parameters from a command once the format is known. It builds the same regular
 * expression st2 builds, in Python syntax, then translates it for {@code java.util.regex}
 * (group names, literal braces, {@code \Z}).
 *
 * <p>
 * The simulator keeps its own copy on purpose: it must behave like st2, not like the
 * gateway's parser in the {@code alias} package.
 */
final class AliasFormatParser {

	// st2's snippets, verbatim apart from escaping the braces Python takes literally
	private static final String KEY = "\\s*(\\S+?)\\s*";

	private static final String VALUE = "\"\"|''|\"(.+?)\"|'(.+?)'|(\\{.+?\\})|(\\S+)";

	private static final String EXT_VALUE = "\"\"|''|\"(.+?)\"|'(.+?)'|(\\{.+?\\})|(.+?)";

	private static final String PAIRS = "(?:^|\\s+)" + KEY + "=(" + VALUE + ")";

	private static final String ENDING = ".*?((" + PAIRS + "\\s*)*)$";

	private static final String DEFAULT = "\\s*=\\s*(?:" + EXT_VALUE + ")\\s*";

	private static final String OPTIONAL = "\\{\\{" + KEY + DEFAULT + "\\}\\}";

	private static final String REQUIRED = "\\{\\{" + KEY + "\\}\\}";

	// the named group st2 substitutes for each {{ param }}, in Python syntax
	private static final String PARAM_MATCH = "[\"']?(?P<%s>(?:(?<=').+?(?=')|(?<=\").+?(?=\")|{.+?}|.+?))[\"']?";

	// Python 3's re: Unicode classes, only \n ends a line, DOTALL as st2 asks
	private static final int FLAGS = Pattern.DOTALL | Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNIX_LINES;

	private static final Pattern ENDING_PATTERN = Pattern.compile(ENDING, FLAGS);

	private static final Pattern PAIRS_PATTERN = Pattern.compile(PAIRS, FLAGS);

	private static final Pattern OPTIONAL_PATTERN = Pattern.compile(OPTIONAL, FLAGS);

	private static final Pattern OPTIONAL_WITH_SPACE = Pattern.compile("(\\s*)" + OPTIONAL, FLAGS);

	private static final Pattern REQUIRED_WITH_SPACE = Pattern.compile("(\\s*)" + REQUIRED, FLAGS);

	private AliasFormatParser() {
	}

	/**
	 * The parameters st2 extracts from a command for a format
	 * ({@code extract_parameters(format_str, param_stream)}).
	 * @param format the representation
	 * @param command the command, without any bot prefix
	 * @return parameter names to values (a value is {@code null} when its group did not
	 * take part in the match), in st2's order
	 * @throws AliasParseException with st2's message when the command does not match
	 */
	static Map<String, String> extractParameters(String format, String command) {
		String originalFormat = (format != null) ? format : "";
		String originalStream = (command != null) ? command : "";

		// 1. key=value pairs at the end of the command, cut from it
		String stream = originalStream;
		List<String[]> pairs = new ArrayList<>();
		Matcher ending = ENDING_PATTERN.matcher(stream);
		if (ending.lookingAt() && ending.group(1) != null && !ending.group(1).isEmpty()) {
			String allPairs = ending.group(1);
			Matcher pair = PAIRS_PATTERN.matcher(allPairs);
			while (pair.find()) {
				pairs.add(new String[] { pair.group(1), join(pair, 3, 6) });
			}
			stream = stream.replace(allPairs, "");
		}
		stream = " " + stream + " ";

		// 2. optional parameters and their defaults
		Map<String, String> defaults = new LinkedHashMap<>();
		Matcher optional = OPTIONAL_PATTERN.matcher(originalFormat);
		while (optional.find()) {
			defaults.put(optional.group(1), join(optional, 2, 5));
		}

		// 3. the format as a regular expression
		CompiledFormat compiled = compile(originalFormat);

		// 4. match, 5. defaults and pairs
		Matcher matched = compiled.pattern().matcher(stream);
		if (!matched.find()) {
			throw new AliasParseException(
					"Command \"" + originalStream + "\" doesn't match format string \"" + originalFormat + "\"");
		}
		Map<String, String> result = new LinkedHashMap<>();
		compiled.groups().forEach((javaName, name) -> result.put(name, matched.group(javaName)));
		defaults.forEach((name, fallback) -> {
			String value = result.get(name);
			result.put(name, (value == null || value.isEmpty()) ? fallback : value);
		});
		for (String[] pair : pairs) {
			result.put(pair[0], pair[1]);
		}
		boolean anyValue = result.values().stream().anyMatch((value) -> value != null && !value.isEmpty());
		if (!originalFormat.isEmpty() && stream.strip().isEmpty() && !anyValue) {
			throw new AliasParseException("No value supplied and no default value found.");
		}
		return result;
	}

	private static String join(Matcher matcher, int fromGroup, int toGroup) {
		StringBuilder value = new StringBuilder();
		for (int group = fromGroup; group <= toGroup; group++) {
			if (matcher.group(group) != null) {
				value.append(matcher.group(group));
			}
		}
		return value.toString();
	}

	record CompiledFormat(Pattern pattern, Map<String, String> groups) {

	}

	static CompiledFormat compile(String format) {
		String regex = substitute(OPTIONAL_WITH_SPACE, format, true);
		regex = substitute(REQUIRED_WITH_SPACE, regex, false);
		List<RegexItem> items = new RegexReader(regex).sequence();
		if (!search(items, Set.of("^", "\\A"), false)) {
			regex = "^\\s*" + regex;
		}
		if (!search(items, Set.of("$", "\\Z"), true)) {
			regex = regex + "\\s*$";
		}
		Map<String, String> groups = new LinkedHashMap<>();
		return new CompiledFormat(Pattern.compile(toJava(regex, groups), FLAGS), groups);
	}

	// re.sub with st2's replacement: "\1" the spaces before the tag, "\2" its name
	private static String substitute(Pattern tag, String format, boolean optional) {
		Matcher matcher = tag.matcher(format);
		StringBuilder out = new StringBuilder();
		int last = 0;
		while (matcher.find()) {
			out.append(format, last, matcher.start());
			String group = matcher.group(1) + PARAM_MATCH.formatted(matcher.group(2));
			out.append(optional ? "(?:" + group + ")?" : group);
			last = matcher.end();
		}
		return out.append(format.substring(last)).toString();
	}

	/**
	 * Python regular expression syntax to Java's: {@code (?P<name>} groups get Java-legal
	 * names (Java allows no underscore), braces Python reads literally are escaped,
	 * {@code \Z} becomes {@code \z}.
	 * @param python the Python regex
	 * @param groups filled with Java group name to st2 parameter name, in order
	 * @return the Java regex
	 */
	static String toJava(String python, Map<String, String> groups) {
		Map<String, String> byName = new HashMap<>();
		StringBuilder out = new StringBuilder();
		boolean inClass = false;
		int i = 0;
		while (i < python.length()) {
			char c = python.charAt(i);
			if (c == '\\' && i + 1 < python.length()) {
				char escaped = python.charAt(i + 1);
				out.append((escaped == 'Z') ? "\\z" : "\\" + escaped);
				i += 2;
				continue;
			}
			if (inClass) {
				if (c == ']') {
					inClass = false;
				}
				out.append(c);
				i++;
				continue;
			}
			if (c == '[') {
				inClass = true;
				out.append(c);
				i++;
				if (i < python.length() && python.charAt(i) == '^') {
					out.append('^');
					i++;
				}
				if (i < python.length() && python.charAt(i) == ']') {
					out.append("\\]");
					i++;
				}
				continue;
			}
			if (python.startsWith("(?P<", i)) {
				int end = python.indexOf('>', i);
				String name = python.substring(i + 4, end);
				if (byName.containsKey(name)) {
					throw new IllegalArgumentException("redefinition of group name '" + name + "'");
				}
				String javaName = "g" + (byName.size() + 1);
				byName.put(name, javaName);
				groups.put(javaName, name);
				out.append("(?<").append(javaName).append('>');
				i = end + 1;
				continue;
			}
			if (python.startsWith("(?P=", i)) {
				int end = python.indexOf(')', i);
				out.append("\\k<").append(byName.get(python.substring(i + 4, end))).append('>');
				i = end + 1;
				continue;
			}
			if (c == '{' || c == '}') {
				Matcher quantifier = QUANTIFIER.matcher(python).region(i, python.length());
				if (c == '{' && quantifier.lookingAt()) {
					out.append(quantifier.group().startsWith("{,") ? "{0" + quantifier.group().substring(1)
							: quantifier.group());
					i = quantifier.end();
					continue;
				}
				out.append('\\').append(c);
				i++;
				continue;
			}
			out.append(c);
			i++;
		}
		return out.toString();
	}

	private static final Pattern QUANTIFIER = Pattern.compile("\\{(\\d+(,\\d*)?|,\\d+)\\}");

	// st2's search_regex_tokens over Python's parsed regex: anchors at the top level, in
	// groups and in the second alternative of a branch count; inside repeats and
	// lookarounds they do not

	sealed interface RegexItem {

	}

	record Anchor(String text) implements RegexItem {

	}

	record Group(List<RegexItem> items) implements RegexItem {

	}

	record Branch(List<List<RegexItem>> alternatives) implements RegexItem {

	}

	record Other() implements RegexItem {

	}

	static boolean search(List<RegexItem> items, Set<String> needles, boolean backwards) {
		List<RegexItem> ordered = new ArrayList<>(items);
		if (backwards) {
			java.util.Collections.reverse(ordered);
		}
		for (RegexItem item : ordered) {
			if (item instanceof Group group && search(group.items(), needles, false)) {
				return true;
			}
			if (item instanceof Branch branch && branch.alternatives().size() > 1
					&& search(branch.alternatives().get(1), needles, false)) {
				return true;
			}
			if (item instanceof Anchor anchor && needles.contains(anchor.text())) {
				return true;
			}
		}
		return false;
	}

	/** Just enough of Python's {@code sre_parse} to see where anchors are. */
	static final class RegexReader {

		private final String regex;

		private int position;

		RegexReader(String regex) {
			this.regex = regex;
		}

		List<RegexItem> sequence() {
			List<List<RegexItem>> alternatives = new ArrayList<>();
			List<RegexItem> current = new ArrayList<>();
			while (this.position < this.regex.length()) {
				char c = this.regex.charAt(this.position);
				if (c == ')') {
					break;
				}
				if (c == '|') {
					alternatives.add(current);
					current = new ArrayList<>();
					this.position++;
					continue;
				}
				if (isQuantifier()) {
					skipQuantifier();
					if (!current.isEmpty()) {
						current.set(current.size() - 1, new Other());
					}
					continue;
				}
				current.add(item());
			}
			if (alternatives.isEmpty()) {
				return current;
			}
			alternatives.add(current);
			return List.of(new Branch(alternatives));
		}

		private RegexItem item() {
			char c = this.regex.charAt(this.position);
			if (c == '^' || c == '$') {
				this.position++;
				return new Anchor(String.valueOf(c));
			}
			if (c == '\\') {
				String escape = this.regex.substring(this.position, Math.min(this.position + 2, this.regex.length()));
				this.position += 2;
				return (escape.equals("\\A") || escape.equals("\\Z")) ? new Anchor(escape) : new Other();
			}
			if (c == '[') {
				skipClass();
				return new Other();
			}
			if (c == '(') {
				return group();
			}
			this.position++;
			return new Other();
		}

		private RegexItem group() {
			this.position++;
			boolean lookaround = false;
			if (this.regex.startsWith("?", this.position)) {
				String rest = this.regex.substring(this.position);
				if (rest.startsWith("?P<")) {
					this.position = this.regex.indexOf('>', this.position) + 1;
				}
				else if (rest.startsWith("?:")) {
					this.position += 2;
				}
				else if (rest.startsWith("?=") || rest.startsWith("?!")) {
					this.position += 2;
					lookaround = true;
				}
				else if (rest.startsWith("?<=") || rest.startsWith("?<!")) {
					this.position += 3;
					lookaround = true;
				}
				else if (rest.startsWith("?P=") || rest.startsWith("?#")) {
					this.position = this.regex.indexOf(')', this.position) + 1;
					return new Other();
				}
				else {
					// inline flags, (?i) or (?i:...)
					int end = this.position + 1;
					while (end < this.regex.length() && Character.isLetter(this.regex.charAt(end))
							|| (end < this.regex.length() && this.regex.charAt(end) == '-')) {
						end++;
					}
					if (end < this.regex.length() && this.regex.charAt(end) == ')') {
						this.position = end + 1;
						return new Other();
					}
					this.position = end + 1;
				}
			}
			List<RegexItem> items = sequence();
			this.position++;
			return lookaround ? new Other() : new Group(items);
		}

		private void skipClass() {
			this.position++;
			if (this.regex.startsWith("^", this.position)) {
				this.position++;
			}
			if (this.regex.startsWith("]", this.position)) {
				this.position++;
			}
			while (this.position < this.regex.length() && this.regex.charAt(this.position) != ']') {
				this.position += (this.regex.charAt(this.position) == '\\') ? 2 : 1;
			}
			this.position++;
		}

		private boolean isQuantifier() {
			char c = this.regex.charAt(this.position);
			return c == '*' || c == '+' || c == '?' || (c == '{'
					&& QUANTIFIER.matcher(this.regex).region(this.position, this.regex.length()).lookingAt());
		}

		private void skipQuantifier() {
			if (this.regex.charAt(this.position) == '{') {
				this.position = this.regex.indexOf('}', this.position) + 1;
			}
			else {
				this.position++;
			}
			if (this.position < this.regex.length()
					&& (this.regex.charAt(this.position) == '?' || this.regex.charAt(this.position) == '+')) {
				this.position++;
			}
		}

	}

	/**
	 * st2's {@code ParseException}: a {@code ValueError}, so the API answers 400 with its
	 * message.
	 */
	static final class AliasParseException extends IllegalArgumentException {

		AliasParseException(String message) {
			super(message);
		}

	}

}
