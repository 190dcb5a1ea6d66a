package io.github.st2chatops.gateway.chat.rocketchat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/**
 * What a Rocket.Chat outgoing webhook integration posts for a sent message (event
 * {@code sendMessage}).
 *
 * @param token the integration's token
 * @param channelId the room id
 * @param channelName the room name; absent for direct messages, which have none
 * @param messageId the message id, unique per message
 * @param userId the author's user id
 * @param userName the author's username
 * @param text the message
 * @param tmid the thread's root message id when the message is in a thread
 * @param bot {@code false}, or an object when a bot or integration posted the message
 * @param triggerWord the trigger word that matched, if the integration has any
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record RocketChatOutgoingMessage(String token, @JsonProperty("channel_id") String channelId,
		@JsonProperty("channel_name") String channelName, @JsonProperty("message_id") String messageId,
		@JsonProperty("user_id") String userId, @JsonProperty("user_name") String userName, String text, String tmid,
		JsonNode bot, @JsonProperty("trigger_word") String triggerWord) {

	/**
	 * Whether a bot or an integration (this gateway's incoming webhook included) wrote
	 * the message.
	 * @return true for {@code bot: {...}} or {@code bot: true}
	 */
	boolean fromBot() {
		if (this.bot == null || this.bot.isNull() || this.bot.isMissingNode()) {
			return false;
		}
		return !this.bot.isBoolean() || this.bot.booleanValue();
	}

	/**
	 * What is missing, as one sentence for problem details.
	 * @return the problem, or {@code null} when the message is complete
	 */
	String problem() {
		if (isBlank(this.messageId)) {
			return "'message_id' is required.";
		}
		if (isBlank(this.channelId)) {
			return "'channel_id' is required.";
		}
		if (isBlank(this.userId) || isBlank(this.userName)) {
			return "'user_id' and 'user_name' are required.";
		}
		if (this.text == null) {
			return "'text' is required.";
		}
		return null;
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
