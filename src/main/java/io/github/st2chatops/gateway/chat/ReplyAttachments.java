package io.github.st2chatops.gateway.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A reply as Slack-style message attachments, the way st2 packs written for
 * hubot-stackstorm expect on Slack and on Mattermost (whose attachments are
 * Slack-compatible): the platform's extras ({@code extra.slack},
 * {@code extra.mattermost}) are attachment fields, {@code extra.color} colours it, and a
 * long text is split over several attachments, with title and pretext on the first and
 * fields and footer on the last.
 */
public final class ReplyAttachments {

	/** Attachment fields that belong on the last part of a split attachment. */
	private static final Set<String> LAST_PART_KEYS = Set.of("fields", "footer", "footer_icon", "ts", "actions");

	private ReplyAttachments() {
	}

	/**
	 * The platform's own extras of a reply.
	 * @param reply the reply
	 * @param platform the key under {@code extra} ({@code slack}, {@code mattermost})
	 * @return a copy with string keys, or {@code null} when there is no such map
	 */
	public static Map<String, Object> extras(ChatReply reply, String platform) {
		return stringKeys(reply.extra().get(platform));
	}

	/**
	 * A map from a reply's extras with string keys.
	 * @param value a value from the extras
	 * @return a copy with string keys, or {@code null} when the value is not a map
	 */
	public static Map<String, Object> stringKeys(Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> copy = new LinkedHashMap<>();
			map.forEach((key, item) -> copy.put(String.valueOf(key), item));
			return copy;
		}
		return null;
	}

	/**
	 * Whether the reply's text goes into attachments: it has platform extras or an
	 * {@code extra.color}.
	 * @param reply the reply
	 * @param extras the platform's extras, or {@code null}
	 * @return true for attachments, false for plain text
	 */
	public static boolean wanted(ChatReply reply, Map<String, Object> extras) {
		return extras != null || reply.extra().get("color") instanceof String;
	}

	/**
	 * One attachment per part of the text.
	 * @param reply the reply (for {@code extra.color})
	 * @param extras the platform's extras, or {@code null}
	 * @param parts the text, already split
	 * @param preset fields every attachment starts with, after the colour
	 * @return the attachments, in order
	 */
	public static List<Map<String, Object>> split(ChatReply reply, Map<String, Object> extras, List<String> parts,
			Map<String, Object> preset) {
		Object color = reply.extra().get("color");
		List<Map<String, Object>> attachments = new ArrayList<>();
		for (int i = 0; i < parts.size(); i++) {
			boolean first = i == 0;
			boolean last = i == parts.size() - 1;
			Map<String, Object> attachment = new LinkedHashMap<>();
			if (color instanceof String) {
				attachment.put("color", color);
			}
			attachment.putAll(preset);
			if (extras != null) {
				extras.forEach((key, value) -> {
					boolean lastPartKey = LAST_PART_KEYS.contains(key);
					if (key.equals("color") || (lastPartKey && last) || (!lastPartKey && first)) {
						attachment.put(key, value);
					}
				});
			}
			attachment.put("text", parts.get(i));
			if (!first || !attachment.containsKey("fallback")) {
				attachment.put("fallback", parts.get(i));
			}
			attachments.add(attachment);
		}
		return attachments;
	}

}
