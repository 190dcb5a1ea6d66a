package io.github.st2chatops.gateway.alias;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.st2chatops.gateway.alias.PyNode.Assert;
import io.github.st2chatops.gateway.alias.PyNode.At;
import io.github.st2chatops.gateway.alias.PyNode.AtCode;
import io.github.st2chatops.gateway.alias.PyNode.Atomic;
import io.github.st2chatops.gateway.alias.PyNode.Branch;
import io.github.st2chatops.gateway.alias.PyNode.Category;
import io.github.st2chatops.gateway.alias.PyNode.Group;
import io.github.st2chatops.gateway.alias.PyNode.In;
import io.github.st2chatops.gateway.alias.PyNode.Literal;
import io.github.st2chatops.gateway.alias.PyNode.Repeat;
import io.github.st2chatops.gateway.alias.PyNode.Seq;
import io.github.st2chatops.gateway.alias.PyNode.SetItem;

/**
 * What a compiled format tells the index: the literal texts one of which every command it
 * matches must start with (after leading whitespace). Only formats anchored at the start
 * qualify (st2's own {@code ^\s*} or the author's {@code ^}/{@code \A}); alternatives,
 * groups and small sets are expanded, anything else ends a prefix. The answer must never
 * exclude a command the format could match; it may let through commands it cannot.
 */
final class LiteralPrefixes {

	private static final int MAX_PREFIXES = 16;

	private static final int MAX_LENGTH = 64;

	private static final int MAX_SET = 8;

	/** A continuation frame: the rest of a sequence, or a stop. */
	private record Frame(Seq seq, int index) {

		static final Frame STOP = new Frame(null, 0);

	}

	/** An immutable stack of frames. */
	private record Stack(Frame top, Stack rest) {

	}

	private final Set<String> found = new LinkedHashSet<>();

	private boolean overflow;

	private LiteralPrefixes() {
	}

	/**
	 * Computes the prefixes of a format's final regex.
	 * @param regex the regex st2 compiles for the format
	 * @return non-empty texts, without leading whitespace, or {@code null} when the
	 * format must be tried for every command
	 */
	static List<String> of(PyRegex regex) {
		if (regex.hasFlag(PyRegexParser.IGNORECASE)) {
			return null;
		}
		List<PyNode> nodes = regex.root().nodes;
		if (nodes.isEmpty() || !isStartAnchor(nodes.get(0), regex.flags())) {
			return null;
		}
		int start = 1;
		while (start < nodes.size() && isSpaceOnly(nodes.get(start))) {
			start++;
		}
		LiteralPrefixes analysis = new LiteralPrefixes();
		analysis.expand(new Stack(new Frame(regex.root(), start), null), new StringBuilder());
		if (analysis.overflow) {
			return null;
		}
		List<String> result = new ArrayList<>();
		for (String prefix : analysis.found) {
			String stripped = prefix.substring(PyChars.firstNonSpace(prefix));
			if (stripped.isEmpty()) {
				return null;
			}
			result.add(stripped);
		}
		return List.copyOf(result);
	}

	/**
	 * Whether a pattern can only match at the very start of the text.
	 * @param node the first top-level item
	 * @param flags the global flags
	 * @return true for {@code ^} (without multi-line) and {@code \A}
	 */
	static boolean isStartAnchor(PyNode node, int flags) {
		return node instanceof At at && (at.code() == AtCode.BEGINNING_STRING
				|| (at.code() == AtCode.BEGINNING && (flags & PyRegexParser.MULTILINE) == 0));
	}

	private static boolean isSpaceOnly(PyNode node) {
		if (node instanceof Literal literal) {
			return PyChars.isSpace(literal.cp());
		}
		if (node instanceof In in) {
			for (SetItem item : in.items()) {
				boolean space = (item instanceof SetItem.Cat cat && cat.category() == Category.SPACE)
						|| (item instanceof SetItem.Char c && PyChars.isSpace(c.cp()));
				if (!space) {
					return false;
				}
			}
			return true;
		}
		if (node instanceof Repeat repeat) {
			for (PyNode inner : repeat.body().nodes) {
				if (!isSpaceOnly(inner)) {
					return false;
				}
			}
			return true;
		}
		return false;
	}

	private void emit(StringBuilder prefix) {
		this.found.add(prefix.toString());
		if (this.found.size() > MAX_PREFIXES) {
			this.overflow = true;
		}
	}

	private void expand(Stack stack, StringBuilder prefix) {
		if (this.overflow) {
			return;
		}
		while (stack != null && stack.top() != Frame.STOP && stack.top().index() >= stack.top().seq().size()) {
			stack = stack.rest();
		}
		if (stack == null || stack.top() == Frame.STOP || prefix.length() >= MAX_LENGTH) {
			emit(prefix);
			return;
		}
		Frame frame = stack.top();
		PyNode node = frame.seq().get(frame.index());
		Stack next = new Stack(new Frame(frame.seq(), frame.index() + 1), stack.rest());
		if (node instanceof Literal literal) {
			expandWith(next, prefix, literal.cp());
		}
		else if (node instanceof In in && isSmallLiteralSet(in)) {
			for (SetItem item : in.items()) {
				expandWith(next, prefix, ((SetItem.Char) item).cp());
			}
		}
		else if (node instanceof Branch branch) {
			for (Seq alternative : branch.alternatives()) {
				expand(new Stack(new Frame(alternative, 0), next), prefix);
			}
		}
		else if (node instanceof Group group && (group.addFlags() & PyRegexParser.IGNORECASE) == 0) {
			expand(new Stack(new Frame(group.body(), 0), next), prefix);
		}
		else if (node instanceof Atomic atomic) {
			expand(new Stack(new Frame(atomic.body(), 0), next), prefix);
		}
		else if (node instanceof Repeat repeat && repeat.min() >= 1) {
			// every match starts with one match of the body; what follows is unknown
			expand(new Stack(new Frame(repeat.body(), 0), new Stack(Frame.STOP, null)), prefix);
		}
		else if (node instanceof Assert || node instanceof At) {
			// zero-width: the characters around it are still consecutive
			expand(next, prefix);
		}
		else {
			emit(prefix);
		}
	}

	private void expandWith(Stack next, StringBuilder prefix, int cp) {
		int length = prefix.length();
		prefix.appendCodePoint(cp);
		expand(next, prefix);
		prefix.setLength(length);
	}

	private static boolean isSmallLiteralSet(In in) {
		if (in.items().size() > MAX_SET) {
			return false;
		}
		for (SetItem item : in.items()) {
			if (!(item instanceof SetItem.Char)) {
				return false;
			}
		}
		return true;
	}

}
