package io.github.st2chatops.gateway.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits long text into messages under a platform's size limit, at line boundaries, never
 * inside a code block without closing it and reopening it in the next part, and with a
 * marker on every part but the last, so nothing is cut silently.
 */
public final class MessageSplitter {

	/** Appended to every part that continues in the next message. */
	public static final String CONTINUED = "\n_(continued)_";

	private static final String FENCE = "```";

	private MessageSplitter() {
	}

	/**
	 * Splits text.
	 * @param text the text
	 * @param limit the platform's limit in characters (at least 64)
	 * @return one part when the text fits, else several, each within the limit
	 */
	public static List<String> split(String text, int limit) {
		if (limit < 64) {
			throw new IllegalArgumentException("limit must be at least 64 characters");
		}
		if (text.length() <= limit) {
			return List.of(text);
		}
		// room for the marker and for closing a code block
		int budget = limit - CONTINUED.length() - FENCE.length() - 1;
		List<String> parts = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		boolean inCode = false;
		boolean partOpensInCode = false;
		for (String line : lines(text, budget - FENCE.length() - 1)) {
			int needed = line.length() + ((current.length() > 0) ? 1 : 0);
			if (current.length() > 0 && current.length() + needed > budget) {
				parts.add(finish(current, inCode));
				current.setLength(0);
				partOpensInCode = inCode;
				if (partOpensInCode) {
					current.append(FENCE);
				}
			}
			if (current.length() > 0) {
				current.append('\n');
			}
			current.append(line);
			if (line.strip().startsWith(FENCE)) {
				inCode = !inCode;
			}
		}
		parts.add(current.toString());
		return parts;
	}

	private static String finish(StringBuilder part, boolean inCode) {
		return part + (inCode ? "\n" + FENCE : "") + CONTINUED;
	}

	/** The text's lines, with any line longer than the budget cut into pieces. */
	private static List<String> lines(String text, int budget) {
		List<String> lines = new ArrayList<>();
		for (String line : text.split("\n", -1)) {
			while (line.length() > budget) {
				int cut = line.lastIndexOf(' ', budget);
				if (cut <= budget / 2) {
					cut = budget;
				}
				lines.add(line.substring(0, cut));
				line = line.substring(cut).stripLeading();
			}
			lines.add(line);
		}
		return lines;
	}

}
