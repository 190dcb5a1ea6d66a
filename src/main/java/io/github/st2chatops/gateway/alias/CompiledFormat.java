package io.github.st2chatops.gateway.alias;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One alias format compiled the way st2 compiles it, ready to match commands. Immutable
 * and safe to share between threads.
 *
 * <p>
 * st2 turns a format into a Python regular expression: {@code {{name}}} and {@code {{name
 * = default}}} become named groups (the format's other text is already regex, nothing is
 * escaped), {@code ^\s*} and {@code \s*$} are added where the format has no anchor of its
 * own, and the result is compiled with {@code DOTALL}. A command's trailing
 * {@code key=value} pairs are taken out before matching and override the extracted
 * parameters. Created by {@link AliasFormatParser#compile(String)}.
 */
public final class CompiledFormat {

	private static final String PARAMETER_START = "{{";

	private final String format;

	private final String regex;

	// the whole regex: built on first use when only the rest runs for a match (the
	// whole runs for match_multiple and in tests), else at once
	private volatile JavaRegex javaRegex;

	private final List<String[]> defaults;

	private final List<String> undefinedDefaults;

	private final boolean anchored;

	private final List<String> literalPrefixes;

	// ^\s*LITERAL REST: the literal is compared as text, only REST runs as a regex
	private final String leadingLiteral;

	private final JavaRegex rest;

	private final Map<String, Integer> groupIndex;

	private CompiledFormat(String format, PyRegex parsed, List<String[]> defaults, Map<String, Pattern> patterns) {
		this.format = format;
		this.regex = parsed.pattern();
		this.groupIndex = parsed.groupIndex();
		this.defaults = defaults;
		List<String> undefined = new ArrayList<>();
		for (String[] entry : defaults) {
			if (!parsed.groupIndex().containsKey(entry[0])) {
				undefined.add(entry[0]);
			}
		}
		this.undefinedDefaults = List.copyOf(undefined);
		this.anchored = !parsed.root().isEmpty() && LiteralPrefixes.isStartAnchor(parsed.root().get(0), parsed.flags());
		this.literalPrefixes = LiteralPrefixes.of(parsed);
		String literal = leadingLiteral(parsed);
		this.leadingLiteral = literal;
		this.rest = (literal != null) ? PyRegexTranslator.translate(rest(parsed, literal), patterns) : null;
		// the rest translates exactly when the whole does: what it lacks is ^, \s* and
		// literal characters
		this.javaRegex = (literal != null) ? null : PyRegexTranslator.translate(parsed);
	}

	/**
	 * The literal text after a leading {@code ^\s*} (exactly that: greedy, Unicode, no
	 * case folding) when it starts with a non-space: then {@code \s*} must take all the
	 * leading whitespace and the literal must follow, with nothing to backtrack into, so
	 * comparing text is the same as matching it.
	 */
	private static String leadingLiteral(PyRegex parsed) {
		List<PyNode> nodes = parsed.root().nodes;
		if (parsed.hasFlag(PyRegexParser.IGNORECASE) || parsed.hasFlag(PyRegexParser.ASCII)
				|| parsed.hasFlag(PyRegexParser.MULTILINE) || nodes.size() < 3
				|| !(nodes.get(0) instanceof PyNode.At at && at.code() == PyNode.AtCode.BEGINNING)
				|| !isLeadingSpaces(nodes.get(1))) {
			return null;
		}
		StringBuilder literal = new StringBuilder();
		for (int i = 2; i < nodes.size() && nodes.get(i) instanceof PyNode.Literal l; i++) {
			literal.appendCodePoint(l.cp());
		}
		if (literal.length() == 0 || PyChars.isSpace(literal.codePointAt(0))) {
			return null;
		}
		return literal.toString();
	}

	private static boolean isLeadingSpaces(PyNode node) {
		return node instanceof PyNode.Repeat repeat && repeat.kind() == PyNode.RepeatKind.GREEDY && repeat.min() == 0
				&& repeat.max() == PyRegexParser.MAXREPEAT && repeat.body().size() == 1
				&& repeat.body().get(0) instanceof PyNode.In in
				&& in.items().equals(List.of(new PyNode.SetItem.Cat(PyNode.Category.SPACE)));
	}

	private static PyRegex rest(PyRegex parsed, String literal) {
		List<PyNode> nodes = parsed.root().nodes;
		int skip = 2 + (int) literal.codePoints().count();
		return new PyRegex(parsed.pattern(), new PyNode.Seq(nodes.subList(skip, nodes.size())), parsed.flags(),
				parsed.groups(), parsed.groupIndex(), parsed.groupWidths());
	}

	/**
	 * Compiles a format.
	 * @param format the format ({@code null} counts as empty, as in st2)
	 * @return the compiled format
	 * @throws AliasFormatInvalidException when Python would not compile st2's regex
	 */
	static CompiledFormat compile(String format) {
		return compile(format, null);
	}

	/**
	 * Compiles a format, sharing Java patterns with other formats of a catalog.
	 * @param format the format ({@code null} counts as empty)
	 * @param patterns Java patterns by source, or {@code null}
	 * @return the compiled format
	 * @throws AliasFormatInvalidException when Python would not compile st2's regex
	 */
	static CompiledFormat compile(String format, Map<String, Pattern> patterns) {
		String source = (format != null) ? format : "";
		List<String[]> defaults = new ArrayList<>();
		// st2's three parameter regexes all start their match with "{{"
		boolean parameters = source.contains(PARAMETER_START);
		if (parameters) {
			JavaRegex optional = St2Snippets.OPTIONAL_REGEX;
			Matcher matcher = optional.pattern().matcher(source);
			int from = 0;
			while (nextParameter(matcher, source, from, false) >= 0) {
				from = matcher.end();
				defaults.add(new String[] { group(matcher, optional, 1), group(matcher, optional, 2)
						+ group(matcher, optional, 3) + group(matcher, optional, 4) + group(matcher, optional, 5) });
			}
		}
		String reg = parameters ? substituteParameters(source) : source;
		try {
			// parsed once: the anchors st2 adds as text are added to the tree
			PyRegex parsed = PyRegexParser.parse(reg, PyRegexParser.DOTALL);
			return new CompiledFormat(source, Anchors.add(reg, parsed), List.copyOf(defaults), patterns);
		}
		catch (PyRegexException ex) {
			throw new AliasFormatInvalidException(source, ex.getMessage(), ex.pythonType());
		}
	}

	/**
	 * st2's substitution of the format's {@code {{name}}} and {@code {{name = default}}}
	 * by named groups, before the anchors.
	 * @param source the format
	 * @return the Python regex
	 */
	static String substituteParameters(String source) {
		String reg = substitute(St2Snippets.OPTIONAL_SUB_REGEX, source,
				(m) -> "(?:" + St2Snippets.parameterGroup(group(m, St2Snippets.OPTIONAL_SUB_REGEX, 1),
						group(m, St2Snippets.OPTIONAL_SUB_REGEX, 2)) + ")?");
		return substitute(St2Snippets.REQUIRED_SUB_REGEX, reg, (m) -> St2Snippets
			.parameterGroup(group(m, St2Snippets.REQUIRED_SUB_REGEX, 1), group(m, St2Snippets.REQUIRED_SUB_REGEX, 2)));
	}

	private static String group(Matcher matcher, JavaRegex regex, int group) {
		String value = regex.group(matcher, group);
		return (value != null) ? value : "";
	}

	/**
	 * re.sub for st2's regexes of a parameter with the whitespace before it.
	 */
	private static String substitute(JavaRegex regex, String text, Function<Matcher, String> replacement) {
		Matcher matcher = regex.pattern().matcher(text);
		StringBuilder result = new StringBuilder();
		int last = 0;
		for (int at = nextParameter(matcher, text, 0, true); at >= 0; at = nextParameter(matcher, text, last, true)) {
			result.append(text, last, at).append(replacement.apply(matcher));
			last = matcher.end();
		}
		return result.append(text, last, text.length()).toString();
	}

	/**
	 * re.search from a position for one of st2's parameter regexes, which match only from
	 * a double brace (with the whitespace before it when the regex starts with
	 * whitespace): tried where such a match can start instead of at every position. The
	 * start of the whitespace run before a double brace is the only place to try: a start
	 * inside the run leaves the same text after the greedy whitespace.
	 * @param matcher a matcher of the regex on the text
	 * @param text the text
	 * @param from where the search starts
	 * @param leadingSpace whether the regex starts with whitespace
	 * @return where the match starts (the matcher holds it), or -1
	 */
	private static int nextParameter(Matcher matcher, String text, int from, boolean leadingSpace) {
		matcher.useTransparentBounds(true);
		matcher.useAnchoringBounds(false);
		int braces = text.indexOf(PARAMETER_START, from);
		for (; braces >= 0; braces = text.indexOf(PARAMETER_START, braces + 1)) {
			int start = braces;
			while (leadingSpace && start > from && PyChars.isSpace(text.charAt(start - 1))) {
				start--;
			}
			matcher.region(start, text.length());
			if (matcher.lookingAt()) {
				return start;
			}
		}
		return -1;
	}

	/**
	 * The format as given.
	 * @return the format
	 */
	public String format() {
		return this.format;
	}

	/**
	 * The Python regular expression st2 builds from the format.
	 * @return the regex, anchors included
	 */
	public String regex() {
		return this.regex;
	}

	/**
	 * The named groups of the regex, in order: the format's parameters and any
	 * {@code (?P<name>...)} of its own.
	 * @return the names
	 */
	public List<String> parameterNames() {
		return List.copyOf(this.groupIndex.keySet());
	}

	/**
	 * Whether st2 would accept the command for this format (the match succeeds and yields
	 * a value or the format has a default).
	 * @param command the command
	 * @return whether {@link #extract(String)} would succeed
	 */
	public boolean matches(String command) {
		return tryExtract(ParsedCommand.of(command)) != null;
	}

	/**
	 * Extracts the parameters (st2's {@code extract_parameters} without
	 * {@code match_multiple}).
	 * @param command the command ({@code null} counts as empty)
	 * @return parameter name to value; a value is {@code null} for a group that took no
	 * part
	 * @throws AliasCommandMismatchException when the command does not match
	 * @throws AliasValueMissingException when nothing was supplied and nothing defaults
	 * @throws AliasFormatInvalidException when a default names no parameter
	 */
	public Map<String, String> extract(String command) {
		ParsedCommand parsed = ParsedCommand.of(command);
		Matcher matcher = find(parsed);
		if (matcher == null) {
			throw new AliasCommandMismatchException(this.format, parsed.text());
		}
		Map<String, String> parameters = parameters(matcher, matchedRegex(), parsed);
		if (parameters == null) {
			throw new AliasValueMissingException();
		}
		return parameters;
	}

	/**
	 * Extracts the parameters of every match (st2's {@code extract_parameters} with
	 * {@code match_multiple}).
	 * @param command the command ({@code null} counts as empty)
	 * @return one map per match, empty when nothing matched
	 * @throws AliasValueMissingException when a match supplied nothing and nothing
	 * defaults
	 * @throws AliasFormatInvalidException when a default names no parameter
	 */
	public List<Map<String, String>> extractAll(String command) {
		ParsedCommand parsed = ParsedCommand.of(command);
		List<Map<String, String>> result = new ArrayList<>();
		for (Map<String, String> parameters : extractAll(parsed)) {
			if (parameters == null) {
				throw new AliasValueMissingException();
			}
			result.add(parameters);
		}
		return result;
	}

	@Override
	public String toString() {
		return this.format;
	}

	// ---- for the catalog

	/**
	 * Like {@link #extract(String)} on a prepared command, without exceptions for a
	 * mismatch.
	 * @param parsed the prepared command
	 * @return the parameters, or {@code null} when st2 would raise its
	 * {@code ParseException}
	 */
	Map<String, String> tryExtract(ParsedCommand parsed) {
		try {
			return extractWithinBudget(parsed);
		}
		catch (GaveUpException ex) {
			// too much backtracking, or a command long enough to exhaust Java's stack:
			// taken as no match (st2 would hang or fail)
			return null;
		}
	}

	/**
	 * Like {@link #tryExtract(ParsedCommand)}, but says when the regex gave up.
	 * @param parsed the prepared command
	 * @return the parameters, or {@code null} when the command does not match
	 * @throws GaveUpException when the regex needed more than {@link BoundedText#BUDGET}
	 * steps (or more stack than Java has) on this command
	 */
	Map<String, String> extractWithinBudget(ParsedCommand parsed) {
		Matcher matcher = find(parsed);
		return (matcher != null) ? parameters(matcher, matchedRegex(), parsed) : null;
	}

	/**
	 * Like {@link #tryExtract(ParsedCommand)} but always with the whole regex, never
	 * comparing the leading literal as text; for tests.
	 * @param parsed the prepared command
	 * @return the parameters, or {@code null}
	 */
	Map<String, String> tryExtractWithWholeRegex(ParsedCommand parsed) {
		JavaRegex whole = wholeRegex();
		Matcher matcher = whole.pattern().matcher(parsed.stream());
		return matcher.find() ? parameters(matcher, whole, parsed) : null;
	}

	/**
	 * Whether the leading literal is compared as text.
	 * @return true when only the rest runs as a regex
	 */
	boolean comparesLeadingLiteral() {
		return this.rest != null;
	}

	/**
	 * Every match's parameters ({@code finditer}), a {@code null} element where st2 would
	 * raise its "no value" {@code ParseException}.
	 * @param parsed the prepared command
	 * @return the parameter sets
	 */
	List<Map<String, String>> extractAll(ParsedCommand parsed) {
		List<Map<String, String>> result = new ArrayList<>();
		try {
			JavaRegex whole = wholeRegex();
			Matcher matcher = whole.pattern().matcher(new BoundedText(parsed.stream()));
			while (matcher.find()) {
				result.add(parameters(matcher, whole, parsed));
			}
		}
		catch (BoundedText.BudgetExceededException | StackOverflowError ex) {
			// keep what was found before the regex gave up
		}
		return result;
	}

	/**
	 * Defaults whose name is no group of the regex: st2 raises {@code KeyError} for them
	 * whenever the format matches.
	 * @return the names, usually none
	 */
	List<String> undefinedDefaults() {
		return this.undefinedDefaults;
	}

	/**
	 * Texts one of which every matching command starts with (after whitespace).
	 * @return the prefixes, or {@code null} when the format may match anything
	 */
	List<String> literalPrefixes() {
		return this.literalPrefixes;
	}

	/**
	 * The Java pattern the format runs as.
	 * @return the pattern source
	 */
	String javaPattern() {
		return wholeRegex().pattern().pattern();
	}

	private JavaRegex matchedRegex() {
		return (this.rest != null) ? this.rest : this.javaRegex;
	}

	private JavaRegex wholeRegex() {
		JavaRegex whole = this.javaRegex;
		if (whole == null) {
			// parsed again from the anchored text, as st2 does: keeping every format's
			// tree
			// would cost more memory than this rare path costs time
			whole = PyRegexTranslator.translate(PyRegexParser.parse(this.regex, PyRegexParser.DOTALL));
			this.javaRegex = whole;
		}
		return whole;
	}

	private Matcher find(ParsedCommand parsed) {
		String stream = parsed.stream();
		if (this.rest != null) {
			int start = PyChars.firstNonSpace(stream);
			if (!stream.startsWith(this.leadingLiteral, start)) {
				return null;
			}
			Matcher matcher = this.rest.pattern().matcher(new BoundedText(stream));
			matcher.useTransparentBounds(true);
			matcher.useAnchoringBounds(false);
			matcher.region(start + this.leadingLiteral.length(), stream.length());
			try {
				return matcher.lookingAt() ? matcher : null;
			}
			catch (BoundedText.BudgetExceededException | StackOverflowError ex) {
				throw GaveUpException.INSTANCE;
			}
		}
		Matcher matcher = this.javaRegex.pattern().matcher(new BoundedText(stream));
		try {
			// anchored at the start: one attempt instead of one per position
			return (this.anchored ? matcher.lookingAt() : matcher.find()) ? matcher : null;
		}
		catch (BoundedText.BudgetExceededException | StackOverflowError ex) {
			throw GaveUpException.INSTANCE;
		}
	}

	/**
	 * The format's regex gave up on a command: too much backtracking, or more stack than
	 * Java has.
	 */
	static final class GaveUpException extends RuntimeException {

		static final GaveUpException INSTANCE = new GaveUpException();

		private GaveUpException() {
			super("the format's regular expression gave up on this command", null, false, false);
		}

	}

	private Map<String, String> parameters(Matcher matcher, JavaRegex regex, ParsedCommand parsed) {
		Map<String, String> result = new LinkedHashMap<>();
		for (Map.Entry<String, Integer> named : regex.groupIndex().entrySet()) {
			result.put(named.getKey(), regex.group(matcher, named.getValue()));
		}
		for (String[] entry : this.defaults) {
			if (!result.containsKey(entry[0])) {
				throw new AliasFormatInvalidException(this.format,
						"the default of '" + entry[0] + "' names no parameter of the format",
						AliasFormatInvalidException.KEY_ERROR);
			}
			String value = result.get(entry[0]);
			result.put(entry[0], (value == null || value.isEmpty()) ? entry[1] : value);
		}
		for (Map.Entry<String, String> pair : parsed.pairs()) {
			result.put(pair.getKey(), pair.getValue());
		}
		if (!this.format.isEmpty() && PyChars.isBlank(parsed.stream()) && !anyValue(result)) {
			return null;
		}
		return Collections.unmodifiableMap(result);
	}

	private static boolean anyValue(Map<String, String> result) {
		for (String value : result.values()) {
			if (value != null && !value.isEmpty()) {
				return true;
			}
		}
		return false;
	}

}
