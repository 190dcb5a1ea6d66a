package io.github.st2chatops.gateway.alias;

import java.util.ArrayList;
import java.util.List;

/**
 * The anchors st2 adds to a format's regex: {@code ^\s*} in front when the regex has no
 * beginning anchor ({@link AnchorSearch}), {@code \s*$} behind when it has no end anchor.
 * st2 adds them as text and Python parses the result again; here the parsed regex gets
 * the parsed anchors, which is the same tree, whenever concatenating the text
 * concatenates the trees. It does not for a top-level alternation ({@code a|b} becomes
 * {@code ^\s*a|b\s*$}), global flags at the start (Python refuses them after
 * {@code ^\s*}), or a possible verbose comment (which would swallow {@code \s*$}); those
 * few are parsed again, as st2 does.
 */
final class Anchors {

	static final String START = "^\\s*";

	static final String END = "\\s*$";

	private static final List<PyNode> START_NODES = parse(START);

	private static final List<PyNode> END_NODES = parse(END);

	private Anchors() {
	}

	/**
	 * The regex st2 compiles for a format: the parsed regex with the anchors it lacks.
	 * @param regex the regex built from the format
	 * @param parsed the regex, parsed with {@code DOTALL}
	 * @return the regex with its anchors, parsed ({@link PyRegex#pattern()} is its text)
	 * @throws PyRegexException when Python refuses the regex with its anchors
	 */
	static PyRegex add(String regex, PyRegex parsed) {
		boolean start = !AnchorSearch.search(AnchorSearch.BEGINNING, parsed.root(), false);
		boolean end = !AnchorSearch.search(AnchorSearch.END, parsed.root(), true);
		if (!start && !end) {
			return parsed;
		}
		String anchored = (start ? START : "") + regex + (end ? END : "");
		if (!concatenates(regex)) {
			return PyRegexParser.parse(anchored, PyRegexParser.DOTALL);
		}
		List<PyNode> nodes = new ArrayList<>(parsed.root().size() + 4);
		if (start) {
			nodes.addAll(START_NODES);
		}
		nodes.addAll(parsed.root().nodes);
		if (end) {
			nodes.addAll(END_NODES);
		}
		return new PyRegex(anchored, new PyNode.Seq(nodes), parsed.flags(), parsed.groups(), parsed.groupIndex(),
				parsed.groupWidths());
	}

	/**
	 * Whether Python parses text put before or after this regex (which it parsed without
	 * error) as a sequence around the regex's own tree: no {@code |} outside groups and
	 * sets, no global flags (which can only come first), no {@code #} (a verbose comment
	 * runs to the end of the line).
	 */
	static boolean concatenates(String regex) {
		if (regex.startsWith("(?") || regex.indexOf('#') >= 0) {
			return false;
		}
		int depth = 0;
		int i = 0;
		int length = regex.length();
		while (i < length) {
			char c = regex.charAt(i);
			if (c == '\\') {
				i += 2;
				continue;
			}
			if (c == '[') {
				i = endOfSet(regex, i + 1);
				continue;
			}
			if (c == '(') {
				depth++;
			}
			else if (c == ')') {
				depth--;
			}
			else if (c == '|' && depth == 0) {
				return false;
			}
			i++;
		}
		return true;
	}

	// Python's set syntax: a ']' right after '[' or '[^' is a member, escapes are taken
	// whole, and the first unescaped ']' after that ends the set
	private static int endOfSet(String regex, int from) {
		int i = from;
		if (i < regex.length() && regex.charAt(i) == '^') {
			i++;
		}
		if (i < regex.length() && regex.charAt(i) == ']') {
			i++;
		}
		while (i < regex.length()) {
			char c = regex.charAt(i);
			if (c == '\\') {
				i += 2;
				continue;
			}
			if (c == ']') {
				return i + 1;
			}
			i++;
		}
		return i;
	}

	private static List<PyNode> parse(String anchor) {
		return List.copyOf(PyRegexParser.parse(anchor, PyRegexParser.DOTALL).root().nodes);
	}

}
