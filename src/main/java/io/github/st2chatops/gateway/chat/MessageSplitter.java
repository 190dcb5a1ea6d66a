package io.github.st2chatops.gateway.chat;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits long text into messages under a platform's size limit, and truncates text that
 * is too long to post at all.
 * <p>
 * The text is cut into consecutive pieces that together are exactly the text: nothing is
 * added to or dropped from it. A piece ends, in order of preference, after a line break,
 * after a space, or at a character boundary (a grapheme cluster as
 * {@link BreakIterator#getCharacterInstance()} sees it, at worst a code point, so an
 * emoji is never cut into invalid halves). Each message is its piece with these
 * decorations:
 * <ul>
 * <li>a piece that ends inside a code block gets a closing fence ({@code \n```}) and the
 * next message reopens it ({@code ```\n}), so each message renders on its own;</li>
 * <li>every message but the last ends with {@link #CONTINUED}; when the piece ended with
 * a line break, that line break is the one in front of the marker (so the marker takes
 * its place rather than adding a blank line).</li>
 * </ul>
 * So the text is the messages with those decorations removed, joined with a line break
 * after a message whose piece ended a line and with nothing after one that was cut inside
 * a line.
 */
public final class MessageSplitter {

	/** Appended to every part that continues in the next message. */
	public static final String CONTINUED = "\n_(continued)_";

	private static final String FENCE = "```";

	private static final String CLOSE = "\n" + FENCE;

	private static final String REOPEN = FENCE + "\n";

	private MessageSplitter() {
	}

	/**
	 * Splits text.
	 * @param text the text
	 * @param limit the platform's limit in characters (at least 64)
	 * @return one part when the text fits, else several, each within the limit
	 */
	public static List<String> split(String text, int limit) {
		List<String> parts = new ArrayList<>();
		for (Piece piece : pieces(text, limit)) {
			parts.add(piece.render());
		}
		return parts;
	}

	/**
	 * Cuts text that is too long to post, at a line, space or character boundary, and
	 * says so at the end: what is posted is the text's start, a note and (when the cut
	 * falls in a code block) the closing fence.
	 * @param text the text
	 * @param maxLength the most characters to post, the note included (at least 256)
	 * @return the text itself when it fits, else its start with a note
	 */
	public static String truncate(String text, int maxLength) {
		if (maxLength < 256) {
			throw new IllegalArgumentException("maxLength must be at least 256 characters");
		}
		if (text.length() <= maxLength) {
			return text;
		}
		String note = String.format(Locale.ROOT,
				"\n_(truncated: the result is %,d characters long; the first %,d are shown. "
						+ "The whole result is in st2.)_",
				text.length(), maxLength);
		int room = maxLength - note.length() - CLOSE.length();
		BreakIterator characters = BreakIterator.getCharacterInstance(Locale.ROOT);
		characters.setText(text);
		int end = cutBefore(text, 0, room, characters);
		String head = text.substring(0, end);
		boolean inCode = fencesIn(text, 0, end) % 2 == 1;
		return head + (inCode ? CLOSE : "") + note;
	}

	/**
	 * The pieces text is cut into.
	 * @param text the text
	 * @param limit the platform's limit in characters (at least 64)
	 * @return the pieces, in order
	 */
	static List<Piece> pieces(String text, int limit) {
		if (limit < 64) {
			throw new IllegalArgumentException("limit must be at least 64 characters");
		}
		if (text.length() <= limit) {
			return List.of(new Piece(text, false, false, true));
		}
		BreakIterator characters = BreakIterator.getCharacterInstance(Locale.ROOT);
		characters.setText(text);
		List<Piece> pieces = new ArrayList<>();
		int start = 0;
		boolean inCode = false;
		while (true) {
			int reopen = inCode ? REOPEN.length() : 0;
			if (reopen + text.length() - start <= limit) {
				pieces.add(new Piece(text.substring(start), inCode, false, true));
				return pieces;
			}
			// room for a reopened fence, a closing one and the marker
			int room = limit - reopen - CLOSE.length() - CONTINUED.length();
			int end = cutBefore(text, start, room, characters);
			boolean endsInCode = ((inCode ? 1 : 0) + fencesIn(text, start, end)) % 2 == 1;
			pieces.add(new Piece(text.substring(start, end), inCode, endsInCode, false));
			start = end;
			inCode = endsInCode;
		}
	}

	/**
	 * Where to cut: after the last line break, else after the last space, in the second
	 * half of the room; else at the last character boundary within it.
	 */
	private static int cutBefore(String text, int start, int room, BreakIterator characters) {
		int max = start + room;
		int half = start + room / 2;
		int newline = lastIndexOf(text, '\n', half, max);
		if (newline >= 0) {
			return newline + 1;
		}
		int space = lastIndexOf(text, ' ', half, max);
		if (space >= 0) {
			return space + 1;
		}
		int end = characters.isBoundary(max) ? max : characters.preceding(max);
		// older JREs' BreakIterator cuts before emoji modifiers and joiners: step back
		// over
		// those too
		while (end > start && joinsPrevious(text, end)) {
			end = text.offsetByCodePoints(end, -1);
		}
		if (end <= start) {
			// one grapheme cluster longer than a message: cut between code points
			end = max;
			if (Character.isLowSurrogate(text.charAt(end)) && Character.isHighSurrogate(text.charAt(end - 1))) {
				end--;
			}
		}
		return end;
	}

	/** Whether the code point at index belongs to the one before it (so no cut there). */
	private static boolean joinsPrevious(String text, int index) {
		if (index <= 0 || index >= text.length()) {
			return false;
		}
		if (Character.isLowSurrogate(text.charAt(index))) {
			return true;
		}
		int at = text.codePointAt(index);
		int before = text.codePointBefore(index);
		if (before == 0x200D || at == 0x200D) {
			// zero-width joiner: emoji sequences such as families
			return true;
		}
		int type = Character.getType(at);
		return (at >= 0x1F3FB && at <= 0x1F3FF) || (at >= 0xFE00 && at <= 0xFE0F) || (at >= 0xE0020 && at <= 0xE007F)
				|| type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
				|| type == Character.COMBINING_SPACING_MARK;
	}

	private static int lastIndexOf(String text, char c, int from, int to) {
		for (int i = to - 1; i >= from; i--) {
			if (text.charAt(i) == c) {
				return i;
			}
		}
		return -1;
	}

	/** How many lines in [start, end) open or close a code block. */
	private static int fencesIn(String text, int start, int end) {
		int fences = 0;
		int line = start;
		while (line < end) {
			if (line == 0 || text.charAt(line - 1) == '\n') {
				int first = line;
				while (first < end && (text.charAt(first) == ' ' || text.charAt(first) == '\t')) {
					first++;
				}
				if (text.startsWith(FENCE, first) && first + FENCE.length() <= end) {
					fences++;
				}
			}
			int next = text.indexOf('\n', line);
			if (next < 0) {
				break;
			}
			line = next + 1;
		}
		return fences;
	}

	/**
	 * A consecutive piece of the text and how it is shown.
	 *
	 * @param text exactly this piece of the text
	 * @param reopensCode whether the message reopens a code block the previous one closed
	 * @param closesCode whether the message closes a code block that goes on in the next
	 * @param last whether this is the last piece
	 */
	record Piece(String text, boolean reopensCode, boolean closesCode, boolean last) {

		String render() {
			StringBuilder message = new StringBuilder();
			if (this.reopensCode) {
				message.append(REOPEN);
			}
			boolean endsLine = !this.last && this.text.endsWith("\n");
			// the line break that ends the piece is the one in front of the marker
			message.append(this.text, 0, this.text.length() - (endsLine ? 1 : 0));
			if (this.closesCode) {
				message.append(CLOSE);
			}
			if (!this.last) {
				message.append(CONTINUED);
			}
			return message.toString();
		}

	}

}
