package io.github.st2chatops.gateway.alias;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

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
	 * only the empty run at the very end matches. So only those positions are tried, with
	 * the same expression, in order.
	 */
	private static String endingPairsFast(String s) {
		JavaRegex regex = St2Snippets.PAIRS_TO_END_REGEX;
		Matcher matcher = regex.pattern().matcher(new BoundedText(s));
		matcher.useAnchoringBounds(false);
		matcher.useTransparentBounds(true);
		int lastEquals = s.lastIndexOf('=');
		int i = 0;
		while (i <= lastEquals) {
			if ((i == 0 || PyChars.isSpace(s.charAt(i))) && keyFollows(s, i)) {
				matcher.region(i, s.length());
				if (matcher.lookingAt()) {
					return regex.group(matcher, 1);
				}
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
