package io.github.st2chatops.gateway.relay;

/**
 * st2's message text convention: {@code pretext{~}text}. hubot-stackstorm shows the part
 * before {@code {~}} as a heading (Slack's attachment pretext) and the part after as the
 * body; platforms without such a place get both, pretext first, on separate lines.
 */
final class St2Message {

	static final String PRETEXT_DELIMITER = "{~}";

	private St2Message() {
	}

	/**
	 * Resolves the {@code {~}} convention into plain text.
	 * @param message the message as st2 sends it
	 * @return the pretext and the text on separate lines, either alone when the other is
	 * blank; empty for a blank message
	 */
	static String resolve(String message) {
		if (message == null) {
			return "";
		}
		int delimiter = message.indexOf(PRETEXT_DELIMITER);
		if (delimiter < 0) {
			return message.strip();
		}
		// Split at the first delimiter only: hubot-stackstorm's split drops anything
		// after
		// a second one, which loses output that happens to contain "{~}".
		String pretext = message.substring(0, delimiter).strip();
		String text = stripLeadingLineBreaks(message.substring(delimiter + PRETEXT_DELIMITER.length())).stripTrailing();
		if (pretext.isEmpty()) {
			return text;
		}
		if (text.isBlank()) {
			return pretext;
		}
		return pretext + "\n" + text;
	}

	// keeps the indentation of the first line of the body (code, tables), drops the blank
	// lines st2's templates leave after the delimiter
	private static String stripLeadingLineBreaks(String text) {
		int start = 0;
		int lineStart = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\n') {
				lineStart = i + 1;
				start = lineStart;
			}
			else if (!Character.isWhitespace(c)) {
				break;
			}
		}
		return text.substring(start);
	}

}
