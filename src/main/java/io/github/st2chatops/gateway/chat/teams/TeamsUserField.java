package io.github.st2chatops.gateway.chat.teams;

/**
 * Which of the Teams user's ids st2 sees as the requester. Teams' outgoing webhook
 * carries no user principal name, and {@code from.name} is a display name anyone's
 * directory profile can change, so it is not offered.
 */
public enum TeamsUserField {

	/** {@code from.aadObjectId}: the user's Microsoft Entra (Azure AD) object id. */
	AAD_OBJECT_ID,

	/** {@code from.id}: the Teams user id ({@code 29:...}). */
	ID

}
