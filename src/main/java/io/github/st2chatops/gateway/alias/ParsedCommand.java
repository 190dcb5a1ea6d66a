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

	private static String endingPairs(String paramStream) {
		try {
			Matcher matcher = St2Snippets.ENDING_REGEX.pattern().matcher(paramStream);
			return matcher.lookingAt() ? St2Snippets.ENDING_REGEX.group(matcher, 1) : null;
		}
		catch (StackOverflowError ex) {
			// thousands of pairs: more than Java's backtracking can nest; keep them as
			// text
			return null;
		}
	}

	/**
	 * The command text st2 quotes in its messages.
	 * @return the command, empty for {@code null}
	 */
	String text() {
		return (this.command != null) ? this.command : "";
	}

}
