package io.github.st2chatops.gateway.chat.mattermost;

/**
 * What kind of Mattermost request a command came in, which decides how it is answered.
 *
 * @param slashCommand true for a slash command, false for an outgoing webhook
 * @param postId the post an outgoing webhook fired for, or {@code null}
 */
record MattermostRequest(boolean slashCommand, String postId) {

}
