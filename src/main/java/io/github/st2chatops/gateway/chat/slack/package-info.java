/**
 * Slack: slash commands and the Events API in, {@code response_url},
 * {@code chat.postMessage} and {@code chat.postEphemeral} out.
 */
package io.github.st2chatops.gateway.chat.slack;
