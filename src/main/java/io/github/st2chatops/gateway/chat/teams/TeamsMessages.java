package io.github.st2chatops.gateway.chat.teams;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The message shapes Teams takes: the outgoing webhook's inline answer (a Bot Framework
 * {@code message} activity) and the Adaptive Card message a Workflows webhook posts.
 */
final class TeamsMessages {

	static final String ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive";

	private TeamsMessages() {
	}

	/**
	 * The inline answer to an outgoing webhook.
	 * @param text the text (Teams markdown)
	 * @param mention a mention the text starts with, or {@code null}
	 * @return {@code {"type": "message", "text": ..., "entities"?: [...]}}
	 */
	static Map<String, Object> inline(String text, Mention mention) {
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("type", "message");
		message.put("text", text);
		if (mention != null) {
			message.put("entities", List.of(mention.entity()));
		}
		return message;
	}

	/**
	 * An Adaptive Card message for a Workflows webhook ("Post to a channel when a webhook
	 * request is received").
	 * @param text the text (Adaptive Card markdown subset)
	 * @param mention a mention the text starts with, or {@code null}
	 * @return the message with one Adaptive Card attachment
	 */
	static Map<String, Object> card(String text, Mention mention) {
		Map<String, Object> textBlock = new LinkedHashMap<>();
		textBlock.put("type", "TextBlock");
		textBlock.put("text", text);
		textBlock.put("wrap", true);
		Map<String, Object> msteams = new LinkedHashMap<>();
		msteams.put("width", "Full");
		if (mention != null) {
			msteams.put("entities", List.of(mention.entity()));
		}
		Map<String, Object> content = new LinkedHashMap<>();
		content.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
		content.put("type", "AdaptiveCard");
		content.put("version", "1.4");
		content.put("body", List.of(textBlock));
		content.put("msteams", msteams);
		Map<String, Object> attachment = new LinkedHashMap<>();
		attachment.put("contentType", ADAPTIVE_CARD);
		attachment.put("contentUrl", null);
		attachment.put("content", content);
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("type", "message");
		message.put("attachments", List.of(attachment));
		return message;
	}

	/**
	 * A mention of a user: Teams cannot whisper from a webhook, so a whisper goes to the
	 * channel and mentions its user.
	 *
	 * @param label the name shown
	 * @param id the user's id ({@code 29:...} in an activity, the Entra object id in a
	 * card)
	 */
	record Mention(String label, String id) {

		/**
		 * The mention as it appears in text.
		 * @return {@code <at>label</at>}
		 */
		String tag() {
			return "<at>" + this.label.replace("<", "").replace(">", "") + "</at>";
		}

		Map<String, Object> entity() {
			Map<String, Object> mentioned = new LinkedHashMap<>();
			mentioned.put("id", this.id);
			mentioned.put("name", this.label);
			Map<String, Object> entity = new LinkedHashMap<>();
			entity.put("type", "mention");
			entity.put("text", tag());
			entity.put("mentioned", mentioned);
			return entity;
		}

	}

}
