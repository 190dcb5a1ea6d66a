package io.github.st2chatops.gateway.chat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A long text posted as a file.
 *
 * @param name the file name, e.g. st2-result.txt
 * @param content the whole text, UTF-8 in the file
 * @param comment the message posted with the file: the text's first lines and a note
 */
public record ChatFile(String name, String content, String comment) {

	/** The {@link PostLog} step of the post that shows the file. */
	public static final String STEP = "file";

	/** The file name of results. */
	static final String RESULT_NAME = "st2-result.txt";

	/** How many of the text's first lines the message shows. */
	static final int PREVIEW_LINES = 10;

	/**
	 * The file's bytes.
	 * @return the content as UTF-8
	 */
	public byte[] bytes() {
		return this.content.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A result as a file, with its first lines (at most {@code previewLength} characters)
	 * as the message.
	 * @param text the result
	 * @param previewLength the longest preview, note included
	 * @return the file
	 */
	static ChatFile ofResult(String text, int previewLength) {
		long lines = text.lines().count();
		String note = String.format(Locale.ROOT, "_(%,d characters in %,d lines: the whole result is in the file %s)_",
				text.length(), lines, RESULT_NAME);
		StringBuilder preview = new StringBuilder();
		int room = Math.max(0, previewLength - note.length() - 1);
		text.lines()
			.limit(PREVIEW_LINES)
			.takeWhile((line) -> preview.length() + line.length() + 1 <= room)
			.forEach((line) -> preview.append(line).append('\n'));
		boolean inCode = preview.toString().split("```", -1).length % 2 == 0;
		if (inCode) {
			preview.append("```\n");
		}
		return new ChatFile(RESULT_NAME, text, preview + note);
	}

}
