package io.github.st2chatops.gateway.chat.slack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.st2chatops.gateway.chat.ChatReply;
import io.github.st2chatops.gateway.chat.MessageSplitter;
import io.github.st2chatops.gateway.chat.ReplyAttachments;

/**
 * Turns a reply into Slack message bodies (without channel or thread), the way st2 packs
 * written for hubot-stackstorm expect:
 * <ul>
 * <li>{@code extra.slack} with {@code attachments} or {@code blocks}: the alias built the
 * whole message; it is sent as given (the text becomes the notification fallback of
 * blocks);</li>
 * <li>{@code extra.slack} with attachment fields ({@code color}, {@code pretext},
 * {@code title}, {@code fields} ...), or {@code extra.color}: the text goes into an
 * attachment with those fields, split over several messages when long (title and pretext
 * on the first, fields and footer on the last);</li>
 * <li>otherwise plain mrkdwn text, split at the configured limit.</li>
 * </ul>
 */
final class SlackMessages {

	/** Keys that say where a message goes; st2's extras never decide that. */
	private static final Set<String> ROUTING_KEYS = Set.of("channel", "thread_ts", "user", "token", "response_type",
			"replace_original", "delete_original", "as_user", "reply_broadcast");

	private SlackMessages() {
	}

	/**
	 * The messages for a reply.
	 * @param reply the reply
	 * @param limit the longest text of one message
	 * @return one or more message bodies
	 */
	static List<Map<String, Object>> of(ChatReply reply, int limit) {
		Map<String, Object> slack = ReplyAttachments.extras(reply, "slack");
		String text = (reply.text() != null) ? reply.text() : "";
		if (slack != null && (slack.get("attachments") instanceof List || slack.get("blocks") instanceof List)) {
			return List.of(whole(slack, text, limit));
		}
		List<String> parts = MessageSplitter.split(SlackText.escape(text), limit);
		List<Map<String, Object>> messages = new ArrayList<>();
		if (!ReplyAttachments.wanted(reply, slack)) {
			for (String part : parts) {
				messages.add(new LinkedHashMap<>(Map.of("text", part)));
			}
			return messages;
		}
		for (Map<String, Object> attachment : ReplyAttachments.split(reply, slack, parts,
				Map.of("mrkdwn_in", List.of("text", "pretext")))) {
			Map<String, Object> message = new LinkedHashMap<>();
			message.put("attachments", List.of(attachment));
			messages.add(message);
		}
		return messages;
	}

	private static Map<String, Object> whole(Map<String, Object> slack, String text, int limit) {
		Map<String, Object> message = new LinkedHashMap<>();
		slack.forEach((key, value) -> {
			if (!ROUTING_KEYS.contains(key)) {
				message.put(key, value);
			}
		});
		if (!message.containsKey("text") && message.get("blocks") instanceof List && !text.isBlank()) {
			// with blocks, text is only what notifications show
			message.put("text", MessageSplitter.split(SlackText.escape(text), limit).get(0));
		}
		return message;
	}

}
