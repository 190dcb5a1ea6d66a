package io.github.st2chatops.gateway.chat.teams;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.st2chatops.gateway.chat.ChatText;

/**
 * Turns the {@code text} of a Teams activity into a plain chat line: the outgoing
 * webhook's own {@code <at>...</at>} mention removed (the one Teams' mention entities
 * name as the recipient, else the first), other mentions reduced to the name, HTML tags
 * dropped, entities ({@code &nbsp;}, {@code &amp;}, {@code &#39;} ...) decoded, then the
 * usual smart-quote clean-up.
 */
final class TeamsText {

	private static final Pattern MENTION = Pattern.compile("<at[^>]*>(.*?)</at>",
			Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

	private static final Pattern LEADING_SPACE = Pattern.compile("^(\\s|&nbsp;)+", Pattern.CASE_INSENSITIVE);

	private static final Pattern TRAILING_SPACE = Pattern.compile("(\\s|&nbsp;)$", Pattern.CASE_INSENSITIVE);

	private static final Pattern LINE_BREAK = Pattern.compile("<br\\s*/?>|</p>|</div>", Pattern.CASE_INSENSITIVE);

	private static final Pattern TAG = Pattern.compile("<[^>]*>");

	private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");

	private static final Map<String, String> NAMED = Map.of("nbsp", "\u00A0", "amp", "&", "lt", "<", "gt", ">", "quot",
			"\"", "apos", "'");

	private TeamsText() {
	}

	/**
	 * Cleans a Teams message whose activity does not say which mention is the webhook.
	 * @param text the activity's text
	 * @return the chat line
	 */
	static String clean(String text) {
		return clean(text, List.of());
	}

	/**
	 * Cleans a Teams message.
	 * @param text the activity's text
	 * @param botMentions how the outgoing webhook is mentioned ({@code <at>st2</at>}),
	 * from the activity's mention entities; may be empty
	 * @return the chat line
	 */
	static String clean(String text, List<String> botMentions) {
		if (text == null) {
			return "";
		}
		String line = withoutBotMention(text, botMentions);
		line = MENTION.matcher(line).replaceAll((match) -> Matcher.quoteReplacement(match.group(1)));
		line = LINE_BREAK.matcher(line).replaceAll("\n");
		line = TAG.matcher(line).replaceAll("");
		line = decodeEntities(line);
		return ChatText.normalize(line);
	}

	private static String withoutBotMention(String text, List<String> botMentions) {
		for (String mention : botMentions) {
			int at = text.indexOf(mention);
			if (at >= 0) {
				String before = text.substring(0, at);
				String after = text.substring(at + mention.length());
				// "<at>Alice</at> <at>st2</at> run" keeps one space between the two
				boolean spaced = before.isBlank() || TRAILING_SPACE.matcher(before).find();
				return before + (spaced ? LEADING_SPACE.matcher(after).replaceFirst("") : after);
			}
		}
		// no entity says which: an outgoing webhook is called by mentioning it first
		return MENTION.matcher(text).replaceFirst("");
	}

	private static String decodeEntities(String text) {
		return ENTITY.matcher(text)
			.replaceAll((match) -> Matcher.quoteReplacement(decode(match.group(1), match.group())));
	}

	private static String decode(String entity, String original) {
		if (entity.startsWith("#")) {
			try {
				int codePoint = (entity.length() > 1 && (entity.charAt(1) == 'x' || entity.charAt(1) == 'X'))
						? Integer.parseInt(entity.substring(2), 16) : Integer.parseInt(entity.substring(1));
				return Character.isValidCodePoint(codePoint) ? new String(Character.toChars(codePoint)) : original;
			}
			catch (NumberFormatException ex) {
				return original;
			}
		}
		return NAMED.getOrDefault(entity.toLowerCase(java.util.Locale.ROOT), original);
	}

}
