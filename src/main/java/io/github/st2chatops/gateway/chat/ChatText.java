package io.github.st2chatops.gateway.chat;

/**
 * Clean-up of chat text before matching: chat clients turn straight quotes into curly
 * ones and dashes into long ones, which st2 formats never expect.
 */
public final class ChatText {

	private ChatText() {
	}

	/**
	 * Replaces typographic quotes, dashes and non-breaking spaces with their ASCII forms.
	 * @param text the text
	 * @return the cleaned text
	 */
	public static String normalize(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\u201C', '\u201D', '\u201E', '\u201F', '\u2033', '\u00AB', '\u00BB' -> out.append('"');
				case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032' -> out.append('\'');
				case '\u2013' -> out.append('-');
				// macOS turns a typed "--" into an em dash
				case '\u2014' -> out.append("--");
				case '\u00A0', '\u2007', '\u202F' -> out.append(' ');
				default -> out.append(c);
			}
		}
		return out.toString().strip();
	}

}
