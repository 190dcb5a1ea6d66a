package io.github.st2chatops.gateway.chat.mattermost;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.st2chatops.gateway.chat.ChatReply;
import io.github.st2chatops.gateway.chat.MessageSplitter;
import io.github.st2chatops.gateway.chat.ReplyAttachments;

/**
 * Turns a reply into Mattermost messages, the way st2 packs written for hubot-stackstorm
 * expect ({@code extra.mattermost} uses Mattermost's Slack-compatible message
 * attachments):
 * <ul>
 * <li>{@code extra.mattermost} with {@code attachments}: the alias built the whole
 * message; it is sent as given;</li>
 * <li>{@code extra.mattermost} with attachment fields ({@code color}, {@code title},
 * {@code fields} ...), or {@code extra.color}: the text goes into an attachment with
 * those fields, split when long (title and pretext first, fields and footer last);</li>
 * <li>otherwise Markdown text, split at the post size limit.</li>
 * </ul>
 */
final class MattermostMessages {

	private MattermostMessages() {
	}

	/**
	 * The messages for a reply.
	 * @param reply the reply
	 * @param limit the longest message
	 * @return one or more messages
	 */
	static List<Message> of(ChatReply reply, int limit) {
		Map<String, Object> extra = ReplyAttachments.extras(reply, "mattermost");
		String text = (reply.text() != null) ? reply.text() : "";
		if (extra != null && extra.get("attachments") instanceof List<?> attachments) {
			String given = (extra.get("text") instanceof String value) ? value : "";
			return List.of(new Message(given, attachments, ReplyAttachments.stringKeys(extra.get("props"))));
		}
		List<String> parts = MessageSplitter.split(text, limit);
		List<Message> messages = new ArrayList<>();
		if (!ReplyAttachments.wanted(reply, extra)) {
			for (String part : parts) {
				messages.add(new Message(part, null, null));
			}
			return messages;
		}
		for (Map<String, Object> attachment : ReplyAttachments.split(reply, extra, parts, Map.of())) {
			messages.add(new Message("", List.of(attachment), null));
		}
		return messages;
	}

	/**
	 * One Mattermost message.
	 *
	 * @param text the Markdown text (may be empty when there are attachments)
	 * @param attachments message attachments, or {@code null}
	 * @param props other post properties, or {@code null}
	 */
	record Message(String text, List<?> attachments, Map<String, Object> props) {

		/**
		 * As a slash command or outgoing webhook response.
		 * @param responseType {@code in_channel}, {@code ephemeral} or {@code comment}
		 * @return the response body
		 */
		Map<String, Object> asResponse(String responseType) {
			Map<String, Object> response = new LinkedHashMap<>();
			response.put("response_type", responseType);
			response.put("text", this.text);
			if (this.attachments != null) {
				response.put("attachments", this.attachments);
			}
			if (this.props != null) {
				response.put("props", this.props);
			}
			return response;
		}

		/**
		 * As a post for the REST API.
		 * @param channelId the channel
		 * @param rootId the thread root, or {@code null}
		 * @return the post
		 */
		Map<String, Object> asPost(String channelId, String rootId) {
			Map<String, Object> post = new LinkedHashMap<>();
			post.put("channel_id", channelId);
			post.put("message", this.text);
			if (rootId != null) {
				post.put("root_id", rootId);
			}
			Map<String, Object> allProps = new LinkedHashMap<>();
			if (this.props != null) {
				allProps.putAll(this.props);
			}
			if (this.attachments != null) {
				allProps.put("attachments", this.attachments);
			}
			if (!allProps.isEmpty()) {
				post.put("props", allProps);
			}
			return post;
		}

		/**
		 * The same message with a line in front.
		 * @param prefix the line
		 * @return the message
		 */
		Message prefixed(String prefix) {
			return new Message(prefix + this.text, this.attachments, this.props);
		}

	}

}
