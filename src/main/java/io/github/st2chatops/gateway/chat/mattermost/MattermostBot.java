package io.github.st2chatops.gateway.chat.mattermost;

/**
 * The bot account the gateway acts as, from {@code GET /api/v4/users/me}.
 *
 * @param id its user id: its own posts carry it, and posts that mention it list it
 * @param username its username, as in an {@code @username} mention
 */
record MattermostBot(String id, String username) {

}
