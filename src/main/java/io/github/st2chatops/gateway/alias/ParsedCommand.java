package io.github.st2chatops.gateway.alias;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A command prepared the way st2 prepares it for every format: the {@code key=value}
 * pairs that end it taken out (they override parameters), the rest padded with a space on
 * each side. st2 does this once per format; it depends only on the command, so the
 * catalog does it once per command.
 *
 * @param command the command as given ({@code null} counts as empty)
 * @param pairs the trailing pairs in order
 * @param stream what the formats are matched against
 */
record ParsedCommand(String command, List<Map.Entry<String, String>> pairs, String stream) {

	/**
	 * Prepares a command.
	 * @param command the chat line without prefix, or {@code null}
	 * @return the prepared command
	 */
	static ParsedCommand of(String command) {
		String paramStream = (command != null) ? command : "";
		List<Map.Entry<String, String>> pairs = List.of();
		// without '=' there is no pair, and st2's search would find none
		if (paramStream.indexOf('=') >= 0) {
			String ending = endingPairs(paramStream);
			if (ending != null && !ending.isEmpty()) {
				pairs = St2Snippets.findAll(St2Snippets.PAIR_REGEX, ending)
					.stream()
					.map((groups) -> Map.entry(groups[0], groups[2] + groups[3] + groups[4] + groups[5]))
					.toList();
				// st2 removes every occurrence of that text, not only the one at the end
				paramStream = paramStream.replace(ending, "");
			}
		}
		return new ParsedCommand(command, pairs, " " + paramStream + " ");
	}

	/**
	 * The text st2's {@code .*?((pair\\s*)*)$} captures: the pairs that end the command.
	 * @param paramStream the command
	 * @return the pairs' text, possibly empty, or {@code null} when it cannot be told
	 */
	static String endingPairs(String paramStream) {
		try {
			return endingPairsFast(paramStream);
		}
		catch (BoundedText.BudgetExceededException | StackOverflowError ex) {
			// too much backtracking, or thousands of pairs (more than Java's backtracking
			// can nest): keep them as text
			return null;
		}
	}

	/**
	 * The same as matching st2's whole expression, faster: the lazy {@code .*?} stops at
	 * the first position where the pairs run to the end. A non-empty run of pairs can
	 * only start at 0 or where a run of whitespace starts (one more whitespace character
	 * before it would do as well), and only where a key and {@code =} follow; elsewhere
	 * only the empty run at the very end matches. So only those positions are tried, in
	 * order, each with {@link #pairsReachEnd}, which shares what it learnt between them.
	 */
	private static String endingPairsFast(String s) {
		int lastEquals = s.lastIndexOf('=');
		boolean[] dead = new boolean[s.length() + 1];
		long[] budget = { BoundedText.BUDGET };
		int i = 0;
		while (i <= lastEquals) {
			if ((i == 0 || PyChars.isSpace(s.charAt(i))) && keyFollows(s, i) && pairsReachEnd(s, i, dead, budget)) {
				// the greedy repeat and its trailing \s* take everything to the end
				return s.substring(i);
			}
			// next candidate: the start of the next run of whitespace
			int j = i;
			while (j < s.length() && PyChars.isSpace(s.charAt(j))) {
				j++;
			}
			while (j < s.length() && !PyChars.isSpace(s.charAt(j))) {
				j++;
			}
			i = (j > i) ? j : i + 1;
		}
		return "";
	}

	/**
	 * Whether {@code ((?:^|\s+)\s*(\S+?)\s*=(VALUE)\s*)*$} can match from {@code start}
	 * to the end, with an explicit stack instead of the regex engine's recursion (which
	 * overflows Java's stack at a few hundred pairs). A state is where a pair's key
	 * starts; each way of reading one pair (every {@code =} that can end the key, every
	 * closing quote or brace that can end the value) leads to the next state, and only
	 * ends followed by whitespace (or the end) can lead anywhere. A state seen before and
	 * found not to reach the end is not explored again, so the work stays bounded.
	 * @param s the command
	 * @param start where the run of pairs would start (0, or whitespace)
	 * @param dead states known not to reach the end, shared between starts
	 * @param budget steps left, shared between starts
	 */
	private static boolean pairsReachEnd(String s, int start, boolean[] dead, long[] budget) {
		int length = s.length();
		int first = skipSpace(s, start);
		if (first == length || (start > 0 && first == start)) {
			return false;
		}
		Deque<Integer> pending = new ArrayDeque<>();
		pending.push(first);
		while (!pending.isEmpty()) {
			int key = pending.pop();
			if (dead[key]) {
				continue;
			}
			dead[key] = true;
			int wordEnd = skipNonSpace(s, key);
			for (int k = key + 1; k <= wordEnd; k++) {
				int equals;
				if (k < wordEnd) {
					if (s.charAt(k) != '=') {
						continue;
					}
					equals = k;
				}
				else {
					equals = skipSpace(s, wordEnd);
					if (equals >= length || s.charAt(equals) != '=') {
						continue;
					}
				}
				spend(budget, 1);
				int value = equals + 1;
				if (valueEndsReach(s, value, dead, pending, budget)) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Every end of {@code ""|''|"(.+?)"|'(.+?)'|({.+?})|(\S+)} at {@code value}: true
	 * when one is followed by whitespace to the end, else the states it leads to are
	 * pushed.
	 */
	private static boolean valueEndsReach(String s, int value, boolean[] dead, Deque<Integer> pending, long[] budget) {
		int length = s.length();
		if (value >= length) {
			return false;
		}
		char open = s.charAt(value);
		if ((open == '"' || open == '\'') && value + 1 < length && s.charAt(value + 1) == open
				&& reachOrPush(s, value + 2, dead, pending)) {
			return true;
		}
		char close = (open == '{') ? '}' : open;
		if (open == '"' || open == '\'' || open == '{') {
			for (int c = value + 2; c < length; c++) {
				spend(budget, 1);
				if (s.charAt(c) == close && reachOrPush(s, c + 1, dead, pending)) {
					return true;
				}
			}
		}
		// (\S+): only its longest end can be followed by whitespace
		return !PyChars.isSpace(open) && reachOrPush(s, skipNonSpace(s, value), dead, pending);
	}

	private static boolean reachOrPush(String s, int end, boolean[] dead, Deque<Integer> pending) {
		int next = skipSpace(s, end);
		if (next == s.length()) {
			return true;
		}
		if (next > end && !dead[next]) {
			pending.push(next);
		}
		return false;
	}

	private static void spend(long[] budget, int steps) {
		budget[0] -= steps;
		if (budget[0] < 0) {
			throw BoundedText.BudgetExceededException.INSTANCE;
		}
	}

	private static int skipSpace(String s, int i) {
		while (i < s.length() && PyChars.isSpace(s.charAt(i))) {
			i++;
		}
		return i;
	}

	private static int skipNonSpace(String s, int i) {
		while (i < s.length() && !PyChars.isSpace(s.charAt(i))) {
			i++;
		}
		return i;
	}

	/**
	 * Whether a pair could start at {@code i}: after whitespace, a word that holds
	 * {@code =} or is followed by {@code =} (after whitespace).
	 */
	private static boolean keyFollows(String s, int i) {
		int j = i;
		while (j < s.length() && PyChars.isSpace(s.charAt(j))) {
			j++;
		}
		int word = j;
		while (j < s.length() && !PyChars.isSpace(s.charAt(j))) {
			if (s.charAt(j) == '=' && j > word) {
				return true;
			}
			j++;
		}
		if (j == word) {
			return false;
		}
		while (j < s.length() && PyChars.isSpace(s.charAt(j))) {
			j++;
		}
		return j < s.length() && s.charAt(j) == '=';
	}

	/**
	 * The command text st2 quotes in its messages.
	 * @return the command, empty for {@code null}
	 */
	String text() {
		return (this.command != null) ? this.command : "";
	}

}
