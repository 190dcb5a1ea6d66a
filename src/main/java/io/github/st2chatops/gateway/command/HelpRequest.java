package io.github.st2chatops.gateway.command;

import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of {@code help [filter] [pack=P] [limit=N] [offset=M]}.
 *
 * @param filter a case-insensitive regular expression searched in display strings, or
 * empty
 * @param pack only this pack, or {@code null}
 * @param limit how many entries
 * @param offset how many to skip
 */
record HelpRequest(String filter, String pack, int limit, int offset) {

	static final int MAX_LIMIT = 100;

	/**
	 * Parses the words after {@code help}.
	 * @param arguments the words
	 * @param defaultLimit the limit when none is given
	 * @return the request
	 * @throws IllegalArgumentException with a readable message for a bad limit or offset
	 */
	static HelpRequest parse(String arguments, int defaultLimit) {
		String pack = null;
		int limit = defaultLimit;
		int offset = 0;
		List<String> filterWords = new ArrayList<>();
		for (String word : arguments.strip().split("\\s+")) {
			if (word.isEmpty()) {
				continue;
			}
			if (word.startsWith("pack=")) {
				pack = word.substring(5);
			}
			else if (word.startsWith("limit=")) {
				limit = number("limit", word.substring(6), 1, MAX_LIMIT);
			}
			else if (word.startsWith("offset=")) {
				offset = number("offset", word.substring(7), 0, Integer.MAX_VALUE);
			}
			else {
				filterWords.add(word);
			}
		}
		return new HelpRequest(String.join(" ", filterWords), (pack == null || pack.isEmpty()) ? null : pack, limit,
				offset);
	}

	private static int number(String name, String value, int min, int max) {
		try {
			int n = Integer.parseInt(value);
			if (n >= min && n <= max) {
				return n;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new IllegalArgumentException(name + " must be a whole number from " + min
				+ ((max == Integer.MAX_VALUE) ? " up" : " to " + max) + ", not '" + value + "'.");
	}

}
