package io.github.st2chatops.gateway.chat;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link MessageSplitter}: every part fits, no character is cut in half, and
 * the text comes back exactly when the parts are joined.
 */
class MessageSplitterTests {

	static final String FAMILY = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";

	static final String THUMB = "\uD83D\uDC4D\uD83C\uDFFD";

	@Test
	void textThatFitsShouldBeOnePart() {
		assertThat(MessageSplitter.split("short", 64)).containsExactly("short");
	}

	@Test
	void emojiWithoutSpacesShouldNeverBeCutIntoHalves() {
		String text = "\uD83D\uDE00".repeat(300) + THUMB.repeat(40) + FAMILY.repeat(30);

		for (int limit : new int[] { 64, 65, 100, 333 }) {
			List<String> parts = MessageSplitter.split(text, limit);

			assertThat(parts).hasSizeGreaterThan(1);
			for (String part : parts) {
				assertThat(part.length()).isLessThanOrEqualTo(limit);
				assertThat(unpairedSurrogates(part)).as(part).isZero();
				// skin tones stay with their hand and families stay together
				assertThat(part).doesNotStartWith("\uD83C\uDFFD").doesNotStartWith("\u200D");
			}
			assertThat(joined(text, limit)).isEqualTo(text);
		}
	}

	@Test
	void longLineShouldBeCutAfterASpaceWithoutAddingLineBreaksOrDroppingSpaces() {
		String text = "word  with two spaces, then trailing   ".repeat(20) + "end";

		List<MessageSplitter.Piece> pieces = MessageSplitter.pieces(text, 100);

		assertThat(pieces).hasSizeGreaterThan(5);
		assertThat(String.join("", pieces.stream().map(MessageSplitter.Piece::text).toList())).isEqualTo(text);
		for (MessageSplitter.Piece piece : pieces.subList(0, pieces.size() - 1)) {
			assertThat(piece.text()).endsWith(" ").doesNotContain("\n");
		}
		for (String part : MessageSplitter.split(text, 100)) {
			assertThat(part.replace(MessageSplitter.CONTINUED, "")).doesNotContain("\n");
		}
	}

	@Test
	void linesShouldBeCutAtLineBreaksAndJoinWithThem() {
		StringBuilder text = new StringBuilder();
		for (int i = 1; i <= 40; i++) {
			text.append("line ").append(i).append(" of the result   \n");
		}
		text.append("last");

		List<String> parts = MessageSplitter.split(text.toString(), 200);

		assertThat(parts).hasSizeGreaterThan(3);
		for (String part : parts.subList(0, parts.size() - 1)) {
			assertThat(part).endsWith(" of the result   " + MessageSplitter.CONTINUED);
		}
		// every cut was at a line break: joining with line breaks gives the text back
		assertThat(String.join("\n", parts).replace(MessageSplitter.CONTINUED, "")).isEqualTo(text.toString());
	}

	@Test
	void codeBlockShouldBeClosedAndReopenedInEveryPart() {
		StringBuilder text = new StringBuilder("Result:\n```\n");
		for (int i = 1; i <= 60; i++) {
			text.append("  \"key").append(i).append("\": \"value\",\n");
		}
		text.append("```\nafter");

		List<MessageSplitter.Piece> pieces = MessageSplitter.pieces(text.toString(), 150);
		List<String> parts = MessageSplitter.split(text.toString(), 150);

		assertThat(parts).hasSizeGreaterThan(5);
		for (String part : parts) {
			assertThat(part.length()).isLessThanOrEqualTo(150);
			assertThat(count(part, "```") % 2).as(part).isZero();
		}
		assertThat(parts.get(1)).startsWith("```\n");
		assertThat(parts.get(parts.size() - 1)).endsWith("```\nafter");
		assertThat(joined(text.toString(), 150)).isEqualTo(text.toString());
		assertThat(pieces.get(0).closesCode()).isTrue();
	}

	@Test
	void hardCutsInALineWithoutSpacesShouldKeepEveryCharacter() {
		String text = "é".repeat(10) + "x".repeat(500) + "e\u0301".repeat(50);

		List<MessageSplitter.Piece> pieces = MessageSplitter.pieces(text, 64);

		assertThat(String.join("", pieces.stream().map(MessageSplitter.Piece::text).toList())).isEqualTo(text);
		for (MessageSplitter.Piece piece : pieces) {
			// a combining accent stays with its letter
			assertThat(piece.text()).doesNotStartWith("\u0301");
		}
	}

	@Test
	void truncateShouldKeepTheStartAndSaySoWithinTheLimit() {
		String text = "```\n" + "0123456789 abcdef\n".repeat(60_000) + "```";

		String truncated = MessageSplitter.truncate(text, 40_000);

		assertThat(truncated.length()).isLessThanOrEqualTo(40_000).isGreaterThan(39_000);
		assertThat(truncated).startsWith("```\n0123456789 abcdef\n")
			.contains("\n```\n_(truncated: the result is 1,080,007 characters long; the first 40,000 are shown.");
		assertThat(count(truncated, "```") % 2).isZero();
		assertThat(MessageSplitter.truncate("short", 40_000)).isEqualTo("short");
	}

	@Test
	void truncateShouldNotCutAnEmojiInHalf() {
		String text = THUMB.repeat(1000);

		String truncated = MessageSplitter.truncate(text, 500);

		assertThat(truncated.length()).isLessThanOrEqualTo(500);
		assertThat(unpairedSurrogates(truncated)).isZero();
		assertThat(truncated.substring(0, truncated.indexOf("\n_(truncated"))).matches("(" + THUMB + ")+");
	}

	@Test
	void limitsBelowTheMinimumShouldBeRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> MessageSplitter.split("x", 63));
		assertThatIllegalArgumentException().isThrownBy(() -> MessageSplitter.truncate("x", 255));
	}

	/**
	 * Joins rendered parts back by the documented rule: drop the decorations, join with a
	 * line break after a piece that ended a line and with nothing after one cut inside a
	 * line.
	 */
	private static String joined(String text, int limit) {
		List<MessageSplitter.Piece> pieces = MessageSplitter.pieces(text, limit);
		List<String> parts = MessageSplitter.split(text, limit);
		assertThat(parts).hasSameSizeAs(pieces);
		StringBuilder joined = new StringBuilder();
		for (int i = 0; i < parts.size(); i++) {
			MessageSplitter.Piece piece = pieces.get(i);
			String part = parts.get(i);
			if (piece.reopensCode()) {
				assertThat(part).startsWith("```\n");
				part = part.substring(4);
			}
			if (!piece.last()) {
				assertThat(part).endsWith(MessageSplitter.CONTINUED);
				part = part.substring(0, part.length() - MessageSplitter.CONTINUED.length());
			}
			if (piece.closesCode()) {
				assertThat(part).endsWith("\n```");
				part = part.substring(0, part.length() - 4);
			}
			joined.append(part);
			if (!piece.last() && piece.text().endsWith("\n")) {
				joined.append('\n');
			}
		}
		return joined.toString();
	}

	private static int unpairedSurrogates(String text) {
		int unpaired = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c)) {
				if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
					i++;
				}
				else {
					unpaired++;
				}
			}
			else if (Character.isLowSurrogate(c)) {
				unpaired++;
			}
		}
		return unpaired;
	}

	private static int count(String text, String what) {
		int count = 0;
		for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
			count++;
		}
		return count;
	}

}
