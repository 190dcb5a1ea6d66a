package io.github.st2chatops.gateway.command;

/**
 * A command that came through the REST API.
 *
 * @param text the chat line (the prefix is optional)
 * @param user who st2 sees as the requester
 * @param channel {@code <platform>:<channel id>} the result goes to, or {@code null} to
 * follow the execution over the API
 * @param keyName the name of the API key that authenticated the call; the access policy
 * and the rate limits see {@code api:<key name>} as the user
 */
public record ApiCommand(String text, String user, String channel, String keyName) {

}
