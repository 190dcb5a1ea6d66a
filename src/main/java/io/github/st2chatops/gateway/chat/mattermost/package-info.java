/**
 * Mattermost: slash commands and outgoing webhooks in, the HTTP response,
 * {@code response_url} and the REST API ({@code /api/v4/posts}) out.
 */
package io.github.st2chatops.gateway.chat.mattermost;
