package io.github.st2chatops.gateway.chat.slack;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.st2chatops.gateway.chat.ChatText;

/**
 * Slack's text markup, both ways. In: what a user typed, back from Slack's wire form
 * ({@code <@U123>} mentions, {@code <http://x|x>} links, {@code &lt;} escapes, smart
 * quotes) so that st2 alias formats match it. Out: text from st2 escaped so that Slack
 * shows {@code <none>} as typed, while Slack's own markup in it still works.
 */
final class SlackText {

	/** A leading user mention, the way an {@code app_mention} starts. */
	private static final Pattern LEADING_MENTION = Pattern.compile("^\\s*<@([UW][A-Z0-9]+)(?:\\|[^>]*)?>[\\s,:]*");

	/** Slack's markup: {@code <...>} with an optional {@code |label}. */
	private static final Pattern MARKUP = Pattern.compile("<([^<>|\\s]+)(?:\\|([^<>]*))?>");

	/** Slack markup that st2's text may carry on purpose: links, mentions, specials. */
	private static final Pattern OUTGOING_MARKUP = Pattern
		.compile("<(?:https?://|mailto:|tel:|@[UWB]|#C|#G|!)[^<>\\s|]*(?:\\|[^<>]*)?>");

	private SlackText() {
	}

	/**
	 * Turns text from Slack back into what the user typed.
	 * @param text Slack's text
	 * @param botUserIds the app's own user ids, whose mentions are removed
	 * @param stripLeadingMention whether to remove a leading mention whoever it names (an
	 * {@code app_mention} starts with the app's mention)
	 * @return the clean text
	 */
	static String clean(String text, Set<String> botUserIds, boolean stripLeadingMention) {
		if (text == null) {
			return "";
		}
		String remaining = text;
		if (stripLeadingMention) {
			remaining = LEADING_MENTION.matcher(remaining).replaceFirst("");
		}
		Matcher matcher = MARKUP.matcher(remaining);
		StringBuilder out = new StringBuilder(remaining.length());
		int last = 0;
		while (matcher.find()) {
			out.append(remaining, last, matcher.start());
			last = matcher.end();
			String target = matcher.group(1);
			if (target.startsWith("@") && botUserIds.contains(target.substring(1))) {
				// the app's own mention goes, with the space after it
				while (last < remaining.length() && Character.isWhitespace(remaining.charAt(last))) {
					last++;
				}
				continue;
			}
			out.append(plain(target, matcher.group(2)));
		}
		out.append(remaining.substring(last));
		String unescaped = out.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
		return ChatText.normalize(unescaped);
	}

	/**
	 * Whether a text mentions one of the app's users.
	 * @param text Slack's text
	 * @param botUserIds the app's user ids
	 * @return true when it does
	 */
	static boolean mentions(String text, Set<String> botUserIds) {
		if (text == null) {
			return false;
		}
		Matcher matcher = MARKUP.matcher(text);
		while (matcher.find()) {
			String target = matcher.group(1);
			if (target.startsWith("@") && botUserIds.contains(target.substring(1))) {
				return true;
			}
		}
		return false;
	}

	private static String plain(String target, String label) {
		if (target.startsWith("@")) {
			return "@" + ((label != null && !label.isEmpty()) ? label : target.substring(1));
		}
		if (target.startsWith("#")) {
			return "#" + ((label != null && !label.isEmpty()) ? label : target.substring(1));
		}
		if (target.startsWith("!")) {
			// <!here>, <!channel>, <!subteam^S123|@team>, <!date^...|fallback>
			if (label != null && !label.isEmpty()) {
				return label;
			}
			String special = target.substring(1);
			int caret = special.indexOf('^');
			return "@" + ((caret >= 0) ? special.substring(0, caret) : special);
		}
		// a link Slack made of what the user typed: the label is what was typed
		return (label != null && !label.isEmpty()) ? label : target;
	}

	/**
	 * Escapes text for Slack's mrkdwn: {@code &}, {@code <} and {@code >} become
	 * entities, except in Slack markup the text carries on purpose
	 * ({@code <https://x|label>}, {@code <@U123>}, {@code <!here>}).
	 * @param text the text
	 * @return the escaped text
	 */
	static String escape(String text) {
		Matcher matcher = OUTGOING_MARKUP.matcher(text);
		StringBuilder out = new StringBuilder(text.length() + 16);
		int last = 0;
		while (matcher.find()) {
			out.append(escapePlain(text.substring(last, matcher.start())));
			out.append(matcher.group());
			last = matcher.end();
		}
		out.append(escapePlain(text.substring(last)));
		return out.toString();
	}

	private static String escapePlain(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

}
