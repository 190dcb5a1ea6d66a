package io.github.st2chatops.gateway.chat.rocketchat;

/**
 * Which of the Rocket.Chat user's ids st2 sees as the requester. The outgoing webhook's
 * {@code alias} (a display name a message can carry) is never used.
 */
public enum RocketChatUserField {

	/** {@code user_name}: the username, unique in the workspace. */
	USER_NAME,

	/** {@code user_id}: the user's internal id, which never changes. */
	USER_ID

}
