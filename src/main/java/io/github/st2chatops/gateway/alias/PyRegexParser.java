package io.github.st2chatops.gateway.alias;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import io.github.st2chatops.gateway.alias.PyNode.Any;
import io.github.st2chatops.gateway.alias.PyNode.Assert;
import io.github.st2chatops.gateway.alias.PyNode.At;
import io.github.st2chatops.gateway.alias.PyNode.AtCode;
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
import io.github.st2chatops.gateway.alias.PyNode.RepeatKind;
import io.github.st2chatops.gateway.alias.PyNode.Seq;
import io.github.st2chatops.gateway.alias.PyNode.SetItem;

/**
 * Parses a Python ({@code re}, CPython 3.11+) regular expression into {@link PyNode}s,
 * accepting exactly what CPython accepts and refusing the rest with a
 * {@link PyRegexException}. It reproduces the parser's shape too (unpacked non-capturing
 * groups, common branch prefixes moved out, single-character branches turned into sets),
 * because st2 searches that shape for anchors.
 */
final class PyRegexParser {

	static final int TEMPLATE = 1;

	static final int IGNORECASE = 2;

	static final int LOCALE = 4;

	static final int MULTILINE = 8;

	static final int DOTALL = 16;

	static final int UNICODE = 32;

	static final int VERBOSE = 64;

	static final int DEBUG = 128;

	static final int ASCII = 256;

	static final int TYPE_FLAGS = ASCII | LOCALE | UNICODE;

	static final int GLOBAL_FLAGS = DEBUG | TEMPLATE;

	/** CPython's {@code MAXREPEAT} (64-bit builds): also "no upper bound". */
	static final long MAXREPEAT = 4294967295L;

	static final long MAXGROUPS = 1073741823L;

	private static final String SPECIAL_CHARS = ".\\[{()*+?^$|";

	private static final int END = -1;

	private final int[] source;

	private final String pattern;

	// tokenizer: the next token is either one code point or a backslash and one code
	// point
	private int index;

	private int next;

	private boolean nextEscaped;

	// parser state
	private int flags;

	private final Map<String, Integer> groupDict = new LinkedHashMap<>();

	private final List<long[]> groupWidths = new ArrayList<>();

	private Integer lookbehindGroups;

	private final Map<Integer, Integer> groupRefPos = new LinkedHashMap<>();

	private PyRegexParser(String pattern, int flags) {
		this.pattern = pattern;
		this.source = pattern.codePoints().toArray();
		this.flags = flags;
		this.groupWidths.add(null);
		advance();
	}

	/**
	 * Parses a pattern.
	 * @param pattern the Python pattern
	 * @param flags Python flags given to {@code re.compile}
	 * @return the parsed pattern
	 * @throws PyRegexException where CPython's parser raises
	 */
	static PyRegex parse(String pattern, int flags) {
		return new PyRegexParser(pattern, flags).parseAll();
	}

	private PyRegex parseAll() {
		Seq root = parseSub((this.flags & VERBOSE) != 0, 0);
		if ((this.flags & LOCALE) != 0) {
			throw new PyRegexException("cannot use LOCALE flag with a str pattern", -1, PyRegexException.VALUE_ERROR);
		}
		if ((this.flags & ASCII) == 0) {
			this.flags |= UNICODE;
		}
		else if ((this.flags & UNICODE) != 0) {
			throw new PyRegexException("ASCII and UNICODE flags are incompatible", -1, PyRegexException.VALUE_ERROR);
		}
		if (this.next != END) {
			throw error("unbalanced parenthesis", 0);
		}
		for (Map.Entry<Integer, Integer> ref : this.groupRefPos.entrySet()) {
			if (ref.getKey() >= groups()) {
				throw new PyRegexException("invalid group reference " + ref.getKey(), ref.getValue());
			}
		}
		return new PyRegex(this.pattern, root, this.flags, groups(), Collections.unmodifiableMap(this.groupDict),
				Collections.unmodifiableList(this.groupWidths));
	}

	// ---- tokenizer

	private void advance() {
		if (this.index >= this.source.length) {
			this.next = END;
			this.nextEscaped = false;
			return;
		}
		int cp = this.source[this.index];
		if (cp == '\\') {
			if (this.index + 1 >= this.source.length) {
				throw new PyRegexException("bad escape (end of pattern)", this.source.length - 1);
			}
			this.next = this.source[this.index + 1];
			this.nextEscaped = true;
			this.index += 2;
		}
		else {
			this.next = cp;
			this.nextEscaped = false;
			this.index += 1;
		}
	}

	private boolean nextIs(int c) {
		return !this.nextEscaped && this.next == c;
	}

	private boolean match(int c) {
		if (nextIs(c)) {
			advance();
			return true;
		}
		return false;
	}

	private int tell() {
		if (this.next == END) {
			return this.index;
		}
		return this.index - (this.nextEscaped ? 2 : 1);
	}

	private void seek(int position) {
		this.index = position;
		advance();
	}

	private PyRegexException error(String message, int offset) {
		return new PyRegexException(message, tell() - offset);
	}

	/** A token taken from the source: a code point, escaped or not. */
	private record Token(int cp, boolean escaped) {

		boolean is(int c) {
			return !this.escaped && this.cp == c;
		}

		String text() {
			return this.escaped ? "\\" + Character.toString(this.cp) : Character.toString(this.cp);
		}

		int length() {
			return this.escaped ? 2 : 1;
		}

	}

	private Token get() {
		if (this.next == END) {
			return null;
		}
		Token token = new Token(this.next, this.nextEscaped);
		advance();
		return token;
	}

	private String getWhile(int max, String charset) {
		StringBuilder result = new StringBuilder();
		for (int i = 0; i < max; i++) {
			if (this.next == END || this.nextEscaped || charset.indexOf(this.next) < 0) {
				break;
			}
			result.appendCodePoint(this.next);
			advance();
		}
		return result.toString();
	}

	private String getUntil(int terminator, String name) {
		StringBuilder result = new StringBuilder();
		while (true) {
			Token c = get();
			if (c == null) {
				if (result.length() == 0) {
					throw error("missing " + name, 0);
				}
				throw error("missing " + Character.toString(terminator) + ", unterminated name", result.length());
			}
			if (c.is(terminator)) {
				if (result.length() == 0) {
					throw error("missing " + name, 1);
				}
				break;
			}
			result.append(c.text());
		}
		return result.toString();
	}

	private void checkGroupName(String name, int offset) {
		if (!PyChars.isIdentifier(name)) {
			throw error("bad character in group name '" + name + "'", name.length() + offset);
		}
	}

	// ---- state

	private int groups() {
		return this.groupWidths.size();
	}

	private int openGroup(String name) {
		int gid = groups();
		this.groupWidths.add(null);
		if (groups() > MAXGROUPS) {
			throw new PyRegexException("too many groups", -1);
		}
		if (name != null) {
			Integer ogid = this.groupDict.get(name);
			if (ogid != null) {
				throw new PyRegexException(
						"redefinition of group name '" + name + "' as group " + gid + "; was group " + ogid, -1);
			}
			this.groupDict.put(name, gid);
		}
		return gid;
	}

	private boolean checkGroup(int gid) {
		return gid < groups() && this.groupWidths.get(gid) != null;
	}

	private void checkLookbehindGroup(int gid) {
		if (this.lookbehindGroups != null) {
			if (!checkGroup(gid)) {
				throw error("cannot refer to an open group", 0);
			}
			if (gid >= this.lookbehindGroups) {
				throw error("cannot refer to group defined in the same lookbehind subpattern", 0);
			}
		}
	}

	// ---- grammar

	private Seq parseSub(boolean verbose, int nested) {
		List<Seq> items = new ArrayList<>();
		while (true) {
			items.add(parseSeq(verbose, nested + 1, nested == 0 && items.isEmpty()));
			if (!match('|')) {
				break;
			}
			if (nested == 0) {
				verbose = (this.flags & VERBOSE) != 0;
			}
		}
		if (items.size() == 1) {
			return items.get(0);
		}
		Seq subpattern = new Seq();
		// move a prefix that every alternative shares out of the branch
		while (true) {
			PyNode prefix = null;
			boolean shared = true;
			for (Seq item : items) {
				if (item.isEmpty()) {
					shared = false;
					break;
				}
				if (prefix == null) {
					prefix = item.get(0);
				}
				else if (!item.get(0).equals(prefix)) {
					shared = false;
					break;
				}
			}
			if (!shared) {
				break;
			}
			for (Seq item : items) {
				item.nodes.remove(0);
			}
			subpattern.nodes.add(prefix);
		}
		// a branch of single characters becomes a set
		List<SetItem> set = new ArrayList<>();
		boolean allSingle = true;
		for (Seq item : items) {
			if (item.size() != 1) {
				allSingle = false;
				break;
			}
			PyNode node = item.get(0);
			if (node instanceof Literal literal) {
				set.add(new SetItem.Char(literal.cp()));
			}
			else if (node instanceof In in && !(in.items().get(0) instanceof SetItem.Negate)) {
				set.addAll(in.items());
			}
			else {
				allSingle = false;
				break;
			}
		}
		if (allSingle) {
			subpattern.nodes.add(new In(uniq(set)));
			return subpattern;
		}
		subpattern.nodes.add(new Branch(List.copyOf(items)));
		return subpattern;
	}

	private static List<SetItem> uniq(List<SetItem> items) {
		return new ArrayList<>(new LinkedHashSet<>(items));
	}

	private Seq parseSeq(boolean verbose, int nested, boolean first) {
		Seq subpattern = new Seq();
		List<PyNode> nodes = subpattern.nodes;
		while (true) {
			if (this.next == END || nextIs('|') || nextIs(')')) {
				break;
			}
			Token token = get();
			if (verbose && !token.escaped()) {
				int c = token.cp();
				if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == '\f') {
					continue;
				}
				if (c == '#') {
					while (true) {
						Token skipped = get();
						if (skipped == null || skipped.is('\n')) {
							break;
						}
					}
					continue;
				}
			}
			if (token.escaped()) {
				nodes.add(escape(token));
			}
			else if (SPECIAL_CHARS.indexOf(token.cp()) < 0) {
				nodes.add(new Literal(token.cp()));
			}
			else if (token.cp() == '[') {
				nodes.add(parseSet());
			}
			else if (token.cp() == '*' || token.cp() == '+' || token.cp() == '?' || token.cp() == '{') {
				parseRepeat(token, subpattern);
			}
			else if (token.cp() == '.') {
				nodes.add(new Any());
			}
			else if (token.cp() == '(') {
				if (parseGroup(subpattern, verbose, nested, first)) {
					verbose = (this.flags & VERBOSE) != 0;
				}
			}
			else if (token.cp() == '^') {
				nodes.add(new At(AtCode.BEGINNING));
			}
			else if (token.cp() == '$') {
				nodes.add(new At(AtCode.END));
			}
			else {
				throw new IllegalStateException("unsupported special character " + token.text());
			}
		}
		// unpack non-capturing groups that change no flag
		for (int i = nodes.size() - 1; i >= 0; i--) {
			if (nodes.get(i) instanceof Group group && group.group() == null && group.addFlags() == 0
					&& group.delFlags() == 0) {
				nodes.remove(i);
				nodes.addAll(i, group.body().nodes);
			}
		}
		return subpattern;
	}

	private void parseRepeat(Token token, Seq subpattern) {
		int here = tell();
		long min;
		long max;
		if (token.cp() == '?') {
			min = 0;
			max = 1;
		}
		else if (token.cp() == '*') {
			min = 0;
			max = MAXREPEAT;
		}
		else if (token.cp() == '+') {
			min = 1;
			max = MAXREPEAT;
		}
		else {
			if (nextIs('}')) {
				subpattern.nodes.add(new Literal('{'));
				return;
			}
			min = 0;
			max = MAXREPEAT;
			String lo = getWhile(Integer.MAX_VALUE, "0123456789");
			String hi;
			if (match(',')) {
				hi = getWhile(Integer.MAX_VALUE, "0123456789");
			}
			else {
				hi = lo;
			}
			if (!match('}')) {
				subpattern.nodes.add(new Literal('{'));
				seek(here);
				return;
			}
			if (!lo.isEmpty()) {
				min = repeatCount(lo);
			}
			if (!hi.isEmpty()) {
				max = repeatCount(hi);
				if (max < min) {
					throw error("min repeat greater than max repeat", tell() - here);
				}
			}
		}
		List<PyNode> nodes = subpattern.nodes;
		PyNode last = nodes.isEmpty() ? null : nodes.get(nodes.size() - 1);
		if (last == null || last instanceof At) {
			throw error("nothing to repeat", tell() - here + 1);
		}
		if (last instanceof Repeat) {
			throw error("multiple repeat", tell() - here + 1);
		}
		Seq item;
		if (last instanceof Group group && group.group() == null && group.addFlags() == 0 && group.delFlags() == 0) {
			item = group.body();
		}
		else {
			item = new Seq(List.of(last));
		}
		RepeatKind kind;
		if (match('?')) {
			kind = RepeatKind.LAZY;
		}
		else if (match('+')) {
			kind = RepeatKind.POSSESSIVE;
		}
		else {
			kind = RepeatKind.GREEDY;
		}
		nodes.set(nodes.size() - 1, new Repeat(kind, min, max, item));
	}

	private static long repeatCount(String digits) {
		BigInteger value = new BigInteger(digits);
		if (value.compareTo(BigInteger.valueOf(MAXREPEAT)) >= 0) {
			throw new PyRegexException("the repetition number is too large", -1, PyRegexException.OVERFLOW_ERROR);
		}
		return value.longValue();
	}

	private PyNode parseSet() {
		int here = tell() - 1;
		List<SetItem> set = new ArrayList<>();
		boolean negate = match('^');
		while (true) {
			Token token = get();
			if (token == null) {
				throw error("unterminated character set", tell() - here);
			}
			if (token.is(']') && !set.isEmpty()) {
				break;
			}
			SetItem code1 = token.escaped() ? classEscape(token) : new SetItem.Char(token.cp());
			if (match('-')) {
				Token that = get();
				if (that == null) {
					throw error("unterminated character set", tell() - here);
				}
				if (that.is(']')) {
					set.add(code1);
					set.add(new SetItem.Char('-'));
					break;
				}
				SetItem code2 = that.escaped() ? classEscape(that) : new SetItem.Char(that.cp());
				if (!(code1 instanceof SetItem.Char lo) || !(code2 instanceof SetItem.Char hi)) {
					throw error("bad character range " + token.text() + "-" + that.text(),
							token.length() + 1 + that.length());
				}
				if (hi.cp() < lo.cp()) {
					throw error("bad character range " + token.text() + "-" + that.text(),
							token.length() + 1 + that.length());
				}
				set.add(new SetItem.Range(lo.cp(), hi.cp()));
			}
			else {
				set.add(code1);
			}
		}
		set = uniq(set);
		if (set.size() == 1 && set.get(0) instanceof SetItem.Char only) {
			return negate ? new NotLiteral(only.cp()) : new Literal(only.cp());
		}
		if (negate) {
			set.add(0, new SetItem.Negate());
		}
		return new In(List.copyOf(set));
	}

	/**
	 * Parses a parenthesised construct whose {@code (} was just taken.
	 * @return true when it set global flags (verbose may have changed)
	 */
	private boolean parseGroup(Seq subpattern, boolean verbose, int nested, boolean first) {
		int start = tell() - 1;
		boolean capture = true;
		boolean atomic = false;
		String name = null;
		int addFlags = 0;
		int delFlags = 0;
		if (match('?')) {
			Token c = get();
			if (c == null) {
				throw error("unexpected end of pattern", 0);
			}
			if (c.is('P')) {
				if (match('<')) {
					name = getUntil('>', "group name");
					checkGroupName(name, 1);
				}
				else if (match('=')) {
					name = getUntil(')', "group name");
					checkGroupName(name, 1);
					Integer gid = this.groupDict.get(name);
					if (gid == null) {
						throw error("unknown group name '" + name + "'", name.length() + 1);
					}
					if (!checkGroup(gid)) {
						throw error("cannot refer to an open group", name.length() + 1);
					}
					checkLookbehindGroup(gid);
					subpattern.nodes.add(new GroupRef(gid));
					return false;
				}
				else {
					Token other = get();
					if (other == null) {
						throw error("unexpected end of pattern", 0);
					}
					throw error("unknown extension ?P" + other.text(), other.length() + 2);
				}
			}
			else if (c.is(':')) {
				capture = false;
			}
			else if (c.is('#')) {
				while (true) {
					if (this.next == END) {
						throw error("missing ), unterminated comment", tell() - start);
					}
					if (get().is(')')) {
						break;
					}
				}
				return false;
			}
			else if (c.is('=') || c.is('!') || c.is('<')) {
				boolean behind = false;
				Token kind = c;
				Integer savedLookbehind = null;
				if (c.is('<')) {
					kind = get();
					if (kind == null) {
						throw error("unexpected end of pattern", 0);
					}
					if (!kind.is('=') && !kind.is('!')) {
						throw error("unknown extension ?<" + kind.text(), kind.length() + 2);
					}
					behind = true;
					savedLookbehind = this.lookbehindGroups;
					if (savedLookbehind == null) {
						this.lookbehindGroups = groups();
					}
				}
				Seq p = parseSub(verbose, nested + 1);
				if (behind && savedLookbehind == null) {
					this.lookbehindGroups = null;
				}
				if (!match(')')) {
					throw error("missing ), unterminated subpattern", tell() - start);
				}
				subpattern.nodes.add(new Assert(kind.is('!'), behind, p));
				return false;
			}
			else if (c.is('(')) {
				subpattern.nodes.add(parseConditional(verbose, nested, start));
				return false;
			}
			else if (c.is('>')) {
				capture = false;
				atomic = true;
			}
			else if (!c.escaped() && (flagOf(c.cp()) != 0 || c.cp() == '-')) {
				int[] parsed = parseFlags(c);
				if (parsed == null) {
					if (!first || !subpattern.isEmpty()) {
						throw error("global flags not at the start of the expression", tell() - start);
					}
					return true;
				}
				addFlags = parsed[0];
				delFlags = parsed[1];
				capture = false;
			}
			else {
				throw error("unknown extension ?" + c.text(), c.length() + 1);
			}
		}
		Integer group = null;
		if (capture) {
			try {
				group = openGroup(name);
			}
			catch (PyRegexException ex) {
				throw error(ex.getMessage(), (name != null) ? name.length() + 1 : 0);
			}
		}
		boolean subVerbose = (verbose || (addFlags & VERBOSE) != 0) && (delFlags & VERBOSE) == 0;
		Seq p = parseSub(subVerbose, nested + 1);
		if (!match(')')) {
			throw error("missing ), unterminated subpattern", tell() - start);
		}
		if (group != null) {
			this.groupWidths.set(group, PyWidth.of(p, this.groupWidths));
		}
		if (atomic) {
			subpattern.nodes.add(new Atomic(p));
		}
		else {
			subpattern.nodes.add(new Group(group, addFlags, delFlags, p));
		}
		return false;
	}

	private PyNode parseConditional(boolean verbose, int nested, int start) {
		String condName = getUntil(')', "group name");
		int condGroup;
		if (PyChars.isIdentifier(condName)) {
			Integer gid = this.groupDict.get(condName);
			if (gid == null) {
				throw error("unknown group name '" + condName + "'", condName.length() + 1);
			}
			condGroup = gid;
		}
		else {
			BigInteger value = PyChars.parseInt(condName);
			if (value == null || value.signum() < 0) {
				throw error("bad character in group name '" + condName + "'", condName.length() + 1);
			}
			if (value.signum() == 0) {
				throw error("bad group number", condName.length() + 1);
			}
			if (value.compareTo(BigInteger.valueOf(MAXGROUPS)) >= 0) {
				throw error("invalid group reference " + value, condName.length() + 1);
			}
			condGroup = value.intValue();
			this.groupRefPos.putIfAbsent(condGroup, tell() - condName.length() - 1);
		}
		checkLookbehindGroup(condGroup);
		Seq yes = parseSeq(verbose, nested + 1, false);
		Seq no = null;
		if (match('|')) {
			no = parseSeq(verbose, nested + 1, false);
			if (nextIs('|')) {
				throw error("conditional backref with more than two branches", 0);
			}
		}
		if (!match(')')) {
			throw error("missing ), unterminated subpattern", tell() - start);
		}
		return new GroupRefExists(condGroup, yes, no);
	}

	private static int flagOf(int c) {
		return switch (c) {
			case 'i' -> IGNORECASE;
			case 'L' -> LOCALE;
			case 'm' -> MULTILINE;
			case 's' -> DOTALL;
			case 'x' -> VERBOSE;
			case 'a' -> ASCII;
			case 't' -> TEMPLATE;
			case 'u' -> UNICODE;
			default -> 0;
		};
	}

	/**
	 * Parses inline flags after {@code (?}.
	 * @return {@code null} for global flags, else the added and removed flags
	 */
	private int[] parseFlags(Token c) {
		int add = 0;
		int del = 0;
		Token ch = c;
		if (!ch.is('-')) {
			while (true) {
				int flag = flagOf(ch.cp());
				if (ch.cp() == 'L') {
					throw error("bad inline flags: cannot use 'L' flag with a str pattern", 0);
				}
				add |= flag;
				if ((flag & TYPE_FLAGS) != 0 && (add & TYPE_FLAGS) != flag) {
					throw error("bad inline flags: flags 'a', 'u' and 'L' are incompatible", 0);
				}
				ch = get();
				if (ch == null) {
					throw error("missing -, : or )", 0);
				}
				if (ch.is(')') || ch.is('-') || ch.is(':')) {
					break;
				}
				if (ch.escaped() || flagOf(ch.cp()) == 0) {
					throw error((!ch.escaped() && Character.isLetter(ch.cp())) ? "unknown flag" : "missing -, : or )",
							ch.length());
				}
			}
		}
		if (ch.is(')')) {
			this.flags |= add;
			return null;
		}
		if ((add & GLOBAL_FLAGS) != 0) {
			throw error("bad inline flags: cannot turn on global flag", 1);
		}
		if (ch.is('-')) {
			ch = get();
			if (ch == null) {
				throw error("missing flag", 0);
			}
			if (ch.escaped() || flagOf(ch.cp()) == 0) {
				throw error((!ch.escaped() && Character.isLetter(ch.cp())) ? "unknown flag" : "missing flag",
						ch.length());
			}
			while (true) {
				int flag = flagOf(ch.cp());
				if ((flag & TYPE_FLAGS) != 0) {
					throw error("bad inline flags: cannot turn off flags 'a', 'u' and 'L'", 0);
				}
				del |= flag;
				ch = get();
				if (ch == null) {
					throw error("missing :", 0);
				}
				if (ch.is(':')) {
					break;
				}
				if (ch.escaped() || flagOf(ch.cp()) == 0) {
					throw error((!ch.escaped() && Character.isLetter(ch.cp())) ? "unknown flag" : "missing :",
							ch.length());
				}
			}
		}
		if ((del & GLOBAL_FLAGS) != 0) {
			throw error("bad inline flags: cannot turn off global flag", 1);
		}
		if ((add & del) != 0) {
			throw error("bad inline flags: flag turned on and off", 1);
		}
		return new int[] { add, del };
	}

	// ---- escapes

	private static boolean isAsciiLetter(int c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	}

	private static int simpleEscape(int c) {
		return switch (c) {
			case 'a' -> 7;
			case 'b' -> 8;
			case 'f' -> 12;
			case 'n' -> 10;
			case 'r' -> 13;
			case 't' -> 9;
			case 'v' -> 11;
			case '\\' -> '\\';
			default -> -1;
		};
	}

	private static Category category(int c) {
		return switch (c) {
			case 'd' -> Category.DIGIT;
			case 'D' -> Category.NOT_DIGIT;
			case 's' -> Category.SPACE;
			case 'S' -> Category.NOT_SPACE;
			case 'w' -> Category.WORD;
			case 'W' -> Category.NOT_WORD;
			default -> null;
		};

	}

	/**
	 * Handles the hexadecimal, Unicode and named-character escapes.
	 * @return the code point, or -2 when the escape is none of these
	 */
	private int unicodeEscape(Token token) {
		int c = token.cp();
		if (c == 'x') {
			String hex = getWhile(2, "0123456789abcdefABCDEF");
			if (hex.length() != 2) {
				throw error("incomplete escape \\x" + hex, hex.length() + 2);
			}
			return Integer.parseInt(hex, 16);
		}
		if (c == 'u') {
			String hex = getWhile(4, "0123456789abcdefABCDEF");
			if (hex.length() != 4) {
				throw error("incomplete escape \\u" + hex, hex.length() + 2);
			}
			return Integer.parseInt(hex, 16);
		}
		if (c == 'U') {
			String hex = getWhile(8, "0123456789abcdefABCDEF");
			if (hex.length() != 8) {
				throw error("incomplete escape \\U" + hex, hex.length() + 2);
			}
			long value = Long.parseLong(hex, 16);
			if (value > Character.MAX_CODE_POINT) {
				throw error("bad escape \\U" + hex, hex.length() + 2);
			}
			return (int) value;
		}
		if (c == 'N') {
			if (!match('{')) {
				throw error("missing {", 0);
			}
			String name = getUntil('}', "character name");
			int cp = PyChars.lookupName(name);
			if (cp < 0) {
				throw error("undefined character name '" + name + "'", name.length() + 4);
			}
			return cp;
		}
		return -2;
	}

	private SetItem classEscape(Token token) {
		int c = token.cp();
		int simple = simpleEscape(c);
		if (simple >= 0) {
			return new SetItem.Char(simple);
		}
		Category category = category(c);
		if (category != null) {
			return new SetItem.Cat(category);
		}
		int unicode = unicodeEscape(token);
		if (unicode != -2) {
			return new SetItem.Char(unicode);
		}
		if (c >= '0' && c <= '7') {
			String digits = Character.toString(c) + getWhile(2, "01234567");
			int value = Integer.parseInt(digits, 8);
			if (value > 0377) {
				throw error("octal escape value \\" + digits + " outside of range 0-0o377", digits.length() + 1);
			}
			return new SetItem.Char(value);
		}
		if (c == '8' || c == '9' || isAsciiLetter(c)) {
			throw error("bad escape " + token.text(), 2);
		}
		return new SetItem.Char(c);
	}

	private PyNode escape(Token token) {
		int c = token.cp();
		switch (c) {
			case 'A':
				return new At(AtCode.BEGINNING_STRING);
			case 'b':
				return new At(AtCode.BOUNDARY);
			case 'B':
				return new At(AtCode.NON_BOUNDARY);
			case 'Z':
				return new At(AtCode.END_STRING);
			default:
				break;
		}
		Category category = category(c);
		if (category != null) {
			return new In(List.of(new SetItem.Cat(category)));
		}
		int simple = simpleEscape(c);
		if (simple >= 0) {
			return new Literal(simple);
		}
		int unicode = unicodeEscape(token);
		if (unicode != -2) {
			return new Literal(unicode);
		}
		if (c == '0') {
			String digits = "0" + getWhile(2, "01234567");
			return new Literal(Integer.parseInt(digits, 8));
		}
		if (c >= '1' && c <= '9') {
			String digits = Character.toString(c);
			if (!this.nextEscaped && this.next >= '0' && this.next <= '9') {
				digits += Character.toString(get().cp());
				if (c <= '7' && digits.charAt(1) <= '7' && !this.nextEscaped && this.next >= '0' && this.next <= '7') {
					digits += Character.toString(get().cp());
					int value = Integer.parseInt(digits, 8);
					if (value > 0377) {
						throw error("octal escape value \\" + digits + " outside of range 0-0o377",
								digits.length() + 1);
					}
					return new Literal(value);
				}
			}
			int group = Integer.parseInt(digits);
			if (group < groups()) {
				if (!checkGroup(group)) {
					throw error("cannot refer to an open group", digits.length() + 1);
				}
				checkLookbehindGroup(group);
				return new GroupRef(group);
			}
			throw error("invalid group reference " + group, digits.length());
		}
		if (isAsciiLetter(c)) {
			throw error("bad escape " + token.text(), 2);
		}
		return new Literal(c);
	}

}
