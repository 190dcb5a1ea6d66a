package io.github.st2chatops.gateway.alias;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.github.st2chatops.gateway.alias.PyNode.Any;
import io.github.st2chatops.gateway.alias.PyNode.Assert;
import io.github.st2chatops.gateway.alias.PyNode.At;
import io.github.st2chatops.gateway.alias.PyNode.Atomic;
import io.github.st2chatops.gateway.alias.PyNode.Branch;
import io.github.st2chatops.gateway.alias.PyNode.Category;
import io.github.st2chatops.gateway.alias.PyNode.Group;
import io.github.st2chatops.gateway.alias.PyNode.GroupRef;
import io.github.st2chatops.gateway.alias.PyNode.GroupRefExists;
import io.github.st2chatops.gateway.alias.PyNode.In;
import io.github.st2chatops.gateway.alias.PyNode.Literal;
import io.github.st2chatops.gateway.alias.PyNode.NotLiteral;
import io.github.st2chatops.gateway.alias.PyNode.Repeat;
import io.github.st2chatops.gateway.alias.PyNode.Seq;
import io.github.st2chatops.gateway.alias.PyNode.SetItem;

/**
 * Turns a parsed Python regular expression into an equivalent {@link Pattern}: runs the
 * checks CPython's compiler adds to its parser's (fixed-width look-behind, template
 * flag), then writes every construct explicitly so that Java's defaults never leak in:
 * Python's Unicode {@code \s \w \d \b}, its {@code $} (end, or before a final newline),
 * its {@code .} (all but {@code \n}), case-insensitive literals and sets as CPython folds
 * them (see {@link PyCaseFold}), and group names Java does not allow ({@code _private},
 * non-ASCII), which become {@code g<number>}. Groups whose captures CPython and Java
 * would book differently after backtracking are refused (see {@code checkCaptures}).
 */
final class PyRegexTranslator {

	/** CPython's {@code MAXCODE} for 4-byte code words. */
	private static final long MAXCODE = 0xFFFFFFFFL;

	private static final String ASCII_WORD = "a-zA-Z0-9_";

	/**
	 * The deepest nesting of repeats that can match empty which the gateway runs
	 * ({@code ((.*)*)*}); deeper ones are refused as too costly.
	 */
	static final int MAX_EMPTY_REPEAT_NESTING = 2;

	/** How the refusal of a too costly pattern starts. */
	static final String TOO_COSTLY = "too costly to run";

	/**
	 * Zero-width and always true, but it reads the characters on both sides of the
	 * position (where there are any): a step that {@link BoundedText} counts, also at the
	 * end of the text.
	 */
	static final String STEP_PROBE = "(?=[\\x{0}-\\x{10FFFF}]?)(?<=[\\x{0}-\\x{10FFFF}]?)";

	private final PyRegex regex;

	private final StringBuilder out = new StringBuilder();

	private final int[] javaGroups;

	private final Set<Integer> conditionTargets = new HashSet<>();

	private final Set<Integer> referencedGroups = new HashSet<>();

	private final Set<Integer> emittedMarkers = new HashSet<>();

	private final Map<String, Pattern> patterns;

	private int javaGroupCount;

	private boolean probeNextGroup;

	private PyRegexTranslator(PyRegex regex, Map<String, Pattern> patterns) {
		this.regex = regex;
		this.javaGroups = new int[regex.groups()];
		this.patterns = patterns;
	}

	/**
	 * Checks and translates a parsed pattern.
	 * @param regex the parsed Python pattern
	 * @return the Java pattern and its group numbering
	 * @throws PyRegexException where CPython's compiler raises, or where the pattern
	 * cannot be expressed for Java (type {@link PyRegexException#UNSUPPORTED})
	 */
	static JavaRegex translate(PyRegex regex) {
		return translate(regex, null);
	}

	/**
	 * Checks and translates a parsed pattern, reusing an equal Java pattern compiled
	 * before.
	 * @param regex the parsed Python pattern
	 * @param patterns Java patterns by source, shared between translations, or
	 * {@code null}
	 * @return the Java pattern and its group numbering
	 */
	static JavaRegex translate(PyRegex regex, Map<String, Pattern> patterns) {
		PyRegexTranslator translator = new PyRegexTranslator(regex, patterns);
		translator.check(regex.root(), regex.flags());
		translator.checkCaptures(regex.root(), null);
		int nesting = translator.emptyRepeatNesting(regex.root());
		if (nesting > MAX_EMPTY_REPEAT_NESTING) {
			throw new PyRegexException(TOO_COSTLY + ": repeats that can match empty are nested " + nesting
					+ " deep, more than " + MAX_EMPTY_REPEAT_NESTING, -1, PyRegexException.UNSUPPORTED);
		}
		return translator.emit();
	}

	/**
	 * How deep repeats whose body can match the empty string are nested, as in
	 * {@code ((.*)*)*} (2). Java's engine spends time exponential in that depth between
	 * two character reads, which no step budget can see.
	 */
	private int emptyRepeatNesting(Seq seq) {
		int deepest = 0;
		for (PyNode node : seq.nodes) {
			int depth = 0;
			for (Seq child : PyNode.children(node)) {
				depth = Math.max(depth, emptyRepeatNesting(child));
			}
			if (node instanceof Repeat repeat && repeat.max() > 1
					&& PyWidth.of(repeat.body(), this.regex.groupWidths())[0] == 0) {
				depth++;
			}
			deepest = Math.max(deepest, depth);
		}
		return deepest;
	}

	/**
	 * Parses and translates in one go.
	 * @param pattern the Python pattern
	 * @param flags Python flags
	 * @return the Java pattern
	 */
	static JavaRegex compile(String pattern, int flags) {
		return translate(PyRegexParser.parse(pattern, flags));
	}

	// ---- CPython's compile-time checks

	private void check(Seq seq, int flags) {
		for (PyNode node : seq.nodes) {
			if (node instanceof Repeat repeat) {
				if ((flags & PyRegexParser.TEMPLATE) != 0) {
					throw new PyRegexException("internal: unsupported template operator MAX_REPEAT", -1);
				}
				check(repeat.body(), flags);
			}
			else if (node instanceof Group group) {
				check(group.body(), combine(flags, group.addFlags(), group.delFlags()));
			}
			else if (node instanceof Branch branch) {
				for (Seq alternative : branch.alternatives()) {
					check(alternative, flags);
				}
			}
			else if (node instanceof Atomic atomic) {
				check(atomic.body(), flags);
			}
			else if (node instanceof GroupRef ref) {
				this.referencedGroups.add(ref.group());
			}
			else if (node instanceof GroupRefExists exists) {
				this.conditionTargets.add(exists.group());
				check(exists.yes(), flags);
				if (exists.no() != null) {
					check(exists.no(), flags);
				}
			}
			else if (node instanceof Assert assertion) {
				if (assertion.behind()) {
					long[] width = PyWidth.of(assertion.body(), this.regex.groupWidths());
					if (width[0] > MAXCODE) {
						throw new PyRegexException("looks too much behind", -1);
					}
					if (width[0] != width[1]) {
						throw new PyRegexException("look-behind requires fixed-width pattern", -1);
					}
				}
				check(assertion.body(), flags);
			}
		}
	}

	/**
	 * Refuses a group whose value st2 would see (a named group, or one a back-reference
	 * or a conditional reads) inside a construct that the engine can backtrack out of
	 * after the group captured: a repeat that can run more than once, a look-around, an
	 * atomic group or a possessive repeat. CPython then resets the group to what it was
	 * before; java.util.regex keeps the abandoned capture (or, for an iteration that
	 * matched empty, drops it), so the parameters, and with a back-reference whether the
	 * line matches at all, could differ from st2's. One case is known to agree and stays
	 * allowed: a greedy or lazy repeat whose body is exactly one such group, with no
	 * groups inside, that cannot match empty.
	 * @param seq the sequence to check
	 * @param construct the enclosing construct, or {@code null} at the top
	 */
	private void checkCaptures(Seq seq, String construct) {
		for (PyNode node : seq.nodes) {
			if (node instanceof Group group) {
				if (construct != null && group.group() != null && isObserved(group.group())) {
					throw new PyRegexException(groupName(group.group()) + " is inside " + construct
							+ ": when Python backtracks out of it, it resets the group, and this gateway's engine"
							+ " does not, so the group's value could differ from st2's", -1,
							PyRegexException.UNSUPPORTED);
				}
				checkCaptures(group.body(), construct);
			}
			else if (node instanceof Repeat repeat) {
				if (repeat.kind() == PyNode.RepeatKind.POSSESSIVE) {
					checkCaptures(repeat.body(), "a possessive repeat");
				}
				else if (repeat.max() > 1) {
					if (construct != null || !isSingleSimpleGroup(repeat.body())) {
						checkCaptures(repeat.body(), "a repeat");
					}
				}
				else {
					checkCaptures(repeat.body(), construct);
				}
			}
			else if (node instanceof Assert assertion) {
				checkCaptures(assertion.body(), "a look-around");
			}
			else if (node instanceof Atomic atomic) {
				checkCaptures(atomic.body(), "an atomic group");
			}
			else if (node instanceof Branch branch) {
				for (Seq alternative : branch.alternatives()) {
					checkCaptures(alternative, construct);
				}
			}
			else if (node instanceof GroupRefExists exists) {
				checkCaptures(exists.yes(), construct);
				if (exists.no() != null) {
					checkCaptures(exists.no(), construct);
				}
			}
		}
	}

	private boolean isObserved(int group) {
		return this.regex.groupIndex().containsValue(group) || this.referencedGroups.contains(group)
				|| this.conditionTargets.contains(group);
	}

	private String groupName(int group) {
		for (Map.Entry<String, Integer> entry : this.regex.groupIndex().entrySet()) {
			if (entry.getValue() == group) {
				return "the named group '" + entry.getKey() + "'";
			}
		}
		return "group " + group;
	}

	// (?P<g>x)* with no group inside x and x never empty: Java restores the group per
	// iteration as Python does
	private boolean isSingleSimpleGroup(Seq body) {
		return body.size() == 1 && body.get(0) instanceof Group group && group.group() != null
				&& !this.conditionTargets.contains(group.group()) && !containsGroup(group.body())
				&& PyWidth.of(group.body(), this.regex.groupWidths())[0] > 0;
	}

	private static boolean containsGroup(Seq seq) {
		for (PyNode node : seq.nodes) {
			if ((node instanceof Group group && group.group() != null)
					|| PyNode.children(node).stream().anyMatch(PyRegexTranslator::containsGroup)) {
				return true;
			}
		}
		return false;
	}

	private static int combine(int flags, int add, int del) {
		if ((add & PyRegexParser.TYPE_FLAGS) != 0) {
			flags &= ~PyRegexParser.TYPE_FLAGS;
		}
		return (flags | add) & ~del;
	}

	// ---- emission

	private JavaRegex emit() {
		int flags = this.regex.flags();
		emitSeq(this.regex.root(), flags);
		String javaSource = this.out.toString();
		try {
			Pattern pattern = (this.patterns != null) ? this.patterns.get(javaSource) : null;
			if (pattern == null) {
				pattern = Pattern.compile(javaSource, Pattern.DOTALL);
				if (this.patterns != null) {
					this.patterns.put(javaSource, pattern);
				}
			}
			return new JavaRegex(pattern, this.javaGroups.clone(), this.regex.groupIndex());
		}
		catch (PatternSyntaxException | StackOverflowError ex) {
			throw new PyRegexException("cannot be expressed as a Java pattern: " + ex.getMessage(), -1,
					PyRegexException.UNSUPPORTED);
		}
	}

	private void emitSeq(Seq seq, int flags) {
		for (PyNode node : seq.nodes) {
			emitNode(node, flags);
		}
	}

	private void emitNode(PyNode node, int flags) {
		if (node instanceof Literal literal) {
			String folded = ignoreCase(flags) ? PyCaseFold.literal(literal.cp(), false, flags) : null;
			if (folded != null) {
				this.out.append(folded);
			}
			else {
				appendLiteral(literal.cp());
			}
		}
		else if (node instanceof NotLiteral notLiteral) {
			String folded = ignoreCase(flags) ? PyCaseFold.literal(notLiteral.cp(), true, flags) : null;
			if (folded != null) {
				this.out.append(folded);
			}
			else {
				this.out.append("[^");
				appendClassChar(notLiteral.cp());
				this.out.append(']');
			}
		}
		else if (node instanceof Any) {
			this.out.append(((flags & PyRegexParser.DOTALL) != 0) ? "." : "[^\\n]");
		}
		else if (node instanceof At at) {
			emitAt(at, flags);
		}
		else if (node instanceof In in) {
			String folded = ignoreCase(flags) ? PyCaseFold.set(in.items(), flags) : null;
			if (folded != null) {
				this.out.append(folded);
			}
			else {
				emitSet(in.items(), flags);
			}
		}
		else if (node instanceof Branch branch) {
			this.out.append("(?:");
			List<Seq> alternatives = branch.alternatives();
			for (int i = 0; i < alternatives.size(); i++) {
				if (i > 0) {
					this.out.append('|');
				}
				// a step for BoundedText on every alternative that may match without
				// reading (see STEP_PROBE); the others read when they are tried
				if (canMatchEmpty(alternatives.get(i))) {
					this.out.append(STEP_PROBE);
				}
				emitSeq(alternatives.get(i), flags);
			}
			this.out.append(')');
		}
		else if (node instanceof Group group) {
			emitGroup(group, flags);
		}
		else if (node instanceof Repeat repeat) {
			emitRepeat(repeat, flags);
		}
		else if (node instanceof Assert assertion) {
			emitAssert(assertion, flags);
		}
		else if (node instanceof GroupRef ref) {
			if (ignoreCase(flags)) {
				// Java compares case its own way here (it also tries the uppercase),
				// which
				// differs from Python's lowercase comparison for a few letters such as
				// i and dotless i; the documentation says so
				this.out.append(((flags & PyRegexParser.UNICODE) != 0) ? "(?iu:" : "(?i:");
				this.out.append("\\k<g").append(ref.group()).append(">)");
			}
			else {
				this.out.append("\\k<g").append(ref.group()).append('>');
			}
		}
		else if (node instanceof GroupRefExists exists) {
			emitConditional(exists, flags);
		}
		else if (node instanceof Atomic atomic) {
			this.out.append("(?>");
			emitSeq(atomic.body(), flags);
			this.out.append(')');
		}
	}

	private void emitGroup(Group group, int flags) {
		if (group.group() != null) {
			int number = group.group();
			this.javaGroups[number] = ++this.javaGroupCount;
			this.out.append("(?<g").append(number).append('>');
			if (this.probeNextGroup) {
				this.probeNextGroup = false;
				this.out.append(STEP_PROBE);
			}
			emitSeq(group.body(), flags);
			if (this.conditionTargets.contains(number)) {
				// an empty group that took part exactly when this group did, for
				// (?(n)...)
				++this.javaGroupCount;
				this.out.append("(?<m").append(number).append(">)");
				this.emittedMarkers.add(number);
			}
			this.out.append(')');
			return;
		}
		int inner = combine(flags, group.addFlags(), group.delFlags());
		this.out.append("(?:");
		emitSeq(group.body(), inner);
		this.out.append(')');
	}

	private boolean canMatchEmpty(Seq seq) {
		return PyWidth.of(seq, this.regex.groupWidths())[0] == 0;
	}

	private void emitRepeat(Repeat repeat, int flags) {
		Seq body = repeat.body();
		boolean singleCharacter = body.size() == 1 && (body.get(0) instanceof Literal
				|| body.get(0) instanceof NotLiteral || body.get(0) instanceof Any || body.get(0) instanceof In);
		boolean capturingGroup = body.size() == 1 && body.get(0) instanceof Group group && group.group() != null;
		// a step for BoundedText where the body may be tried again and again without
		// reading a character (nested repeats that match empty); a body that reads at
		// least one character counts its own steps, and an optional one runs at most once
		boolean probe = !singleCharacter && repeat.max() > 1 && canMatchEmpty(body);
		if (capturingGroup) {
			// the step goes inside the group, so that Java still sees a repeated group
			// (its capture bookkeeping differs for a repeated non-capturing group)
			this.probeNextGroup = probe;
			emitSeq(body, flags);
		}
		else if (singleCharacter) {
			emitSeq(body, flags);
		}
		else {
			this.out.append("(?:").append(probe ? STEP_PROBE : "");
			emitSeq(body, flags);
			this.out.append(')');
		}
		long min = Math.min(repeat.min(), Integer.MAX_VALUE);
		long max = repeat.max();
		if (max == PyRegexParser.MAXREPEAT) {
			if (min == 0) {
				this.out.append('*');
			}
			else if (min == 1) {
				this.out.append('+');
			}
			else {
				this.out.append('{').append(min).append(",}");
			}
		}
		else {
			max = Math.min(max, Integer.MAX_VALUE);
			if (min == 0 && max == 1) {
				this.out.append('?');
			}
			else if (min == max) {
				this.out.append('{').append(min).append('}');
			}
			else {
				this.out.append('{').append(min).append(',').append(max).append('}');
			}
		}
		switch (repeat.kind()) {
			case LAZY -> this.out.append('?');
			case POSSESSIVE -> this.out.append('+');
			default -> {
			}
		}
	}

	private void emitAssert(Assert assertion, int flags) {
		if (!assertion.behind()) {
			this.out.append(assertion.negative() ? "(?!" : "(?=");
			emitSeq(assertion.body(), flags);
			this.out.append(')');
			return;
		}
		this.out.append(assertion.negative() ? "(?<!" : "(?<=");
		if (needsLookaheadForm(assertion.body())) {
			// Java wants an obvious maximum length behind; CPython only wants a fixed
			// width, which it has: look ahead from exactly that far back instead.
			long width = PyWidth.of(assertion.body(), this.regex.groupWidths())[0];
			this.out.append("(?=");
			emitSeq(assertion.body(), flags);
			this.out.append(").{").append(width).append('}');
		}
		else {
			emitSeq(assertion.body(), flags);
		}
		this.out.append(')');
	}

	private static boolean needsLookaheadForm(Seq seq) {
		for (PyNode node : seq.nodes) {
			if (node instanceof GroupRef || node instanceof GroupRefExists) {
				return true;
			}
			if (node instanceof Repeat repeat
					&& (repeat.max() == PyRegexParser.MAXREPEAT || needsLookaheadForm(repeat.body()))) {
				return true;
			}
			if (node instanceof Group group && needsLookaheadForm(group.body())) {
				return true;
			}
			if (node instanceof Atomic atomic && needsLookaheadForm(atomic.body())) {
				return true;
			}
			if (node instanceof Assert nested && needsLookaheadForm(nested.body())) {
				return true;
			}
			if (node instanceof Branch branch) {
				for (Seq alternative : branch.alternatives()) {
					if (needsLookaheadForm(alternative)) {
						return true;
					}
				}
			}
		}
		return false;
	}

	private void emitConditional(GroupRefExists exists, int flags) {
		int group = exists.group();
		if (!this.emittedMarkers.contains(group)) {
			// the group is still open or comes later: it has not taken part yet. The
			// yes branch is still written (never taken) so that its groups exist.
			this.out.append("(?:(?!)");
			emitSeq(exists.yes(), flags);
			this.out.append('|');
			if (exists.no() != null) {
				emitSeq(exists.no(), flags);
			}
			this.out.append(')');
			return;
		}
		this.out.append("(?:\\k<m").append(group).append('>');
		emitSeq(exists.yes(), flags);
		this.out.append("|(?!\\k<m").append(group).append(">)");
		if (exists.no() != null) {
			emitSeq(exists.no(), flags);
		}
		this.out.append(')');
	}

	private void emitAt(At at, int flags) {
		boolean multiline = (flags & PyRegexParser.MULTILINE) != 0;
		String word = wordClass(flags);
		switch (at.code()) {
			case BEGINNING -> this.out.append(multiline ? "(?:^|(?<=\\n))" : "^");
			case BEGINNING_STRING -> this.out.append("\\A");
			case END -> this.out.append(multiline ? "(?=\\n|\\z)" : "(?=\\n?\\z)");
			case END_STRING -> this.out.append("\\z");
			case BOUNDARY -> this.out.append("(?:(?<=")
				.append(word)
				.append(")(?!")
				.append(word)
				.append(")|(?<!")
				.append(word)
				.append(")(?=")
				.append(word)
				.append("))");
			case NON_BOUNDARY -> this.out.append("(?:(?<=")
				.append(word)
				.append(")(?=")
				.append(word)
				.append(")|(?<!")
				.append(word)
				.append(")(?!")
				.append(word)
				.append(")(?:(?<=.)|(?=.)))");
		}
	}

	private static String wordClass(int flags) {
		return ((flags & PyRegexParser.ASCII) != 0) ? "[" + ASCII_WORD + "]" : "[" + PyChars.WORD_CLASS_BODY + "]";
	}

	private void emitSet(List<SetItem> items, int flags) {
		this.out.append('[');
		for (SetItem item : items) {
			if (item instanceof SetItem.Negate) {
				this.out.append('^');
			}
			else if (item instanceof SetItem.Char c) {
				appendClassChar(c.cp());
			}
			else if (item instanceof SetItem.Range range) {
				appendClassChar(range.lo());
				this.out.append('-');
				appendClassChar(range.hi());
			}
			else if (item instanceof SetItem.Cat cat) {
				this.out.append(categoryBody(cat.category(), flags));
			}
		}
		this.out.append(']');
	}

	/**
	 * What a category matches, as the inside of a Java character class.
	 * @param category the category
	 * @param flags the Python flags in force
	 * @return a class body (possibly a nested class)
	 */
	static String categoryBody(Category category, int flags) {
		boolean ascii = (flags & PyRegexParser.ASCII) != 0;
		return switch (category) {
			case DIGIT -> ascii ? "0-9" : "\\p{Nd}";
			case NOT_DIGIT -> ascii ? "[^0-9]" : "\\P{Nd}";
			case SPACE -> ascii ? "\\x{9}-\\x{D}\\x{20}" : PyChars.SPACE_CLASS_BODY;
			case NOT_SPACE -> "[^" + (ascii ? "\\x{9}-\\x{D}\\x{20}" : PyChars.SPACE_CLASS_BODY) + "]";
			case WORD -> ascii ? ASCII_WORD : PyChars.WORD_CLASS_BODY;
			case NOT_WORD -> "[^" + (ascii ? ASCII_WORD : PyChars.WORD_CLASS_BODY) + "]";
		};
	}

	private void appendLiteral(int cp) {
		if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == ' '
				|| cp == '_') {
			this.out.append((char) cp);
		}
		else if (cp > 0x20 && cp < 0x7F) {
			this.out.append('\\').append((char) cp);
		}
		else if (cp >= 0x80 && Character.isLetterOrDigit(cp)) {
			this.out.appendCodePoint(cp);
		}
		else {
			appendHex(cp);
		}
	}

	private void appendClassChar(int cp) {
		PyCaseFold.Ranges.appendClassChar(this.out, cp);
	}

	private static boolean ignoreCase(int flags) {
		return (flags & PyRegexParser.IGNORECASE) != 0;
	}

	private void appendHex(int cp) {
		this.out.append("\\x{").append(Integer.toHexString(cp)).append('}');
	}

}
