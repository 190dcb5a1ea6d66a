package io.github.st2chatops.gateway.command;

import io.github.st2chatops.gateway.chat.ChatAddress;

/**
 * Who asks for a command, and where, as the access policy and the rate limits see it.
 *
 * @param user {@code <platform>:<user id>}, or {@code api:<key name>} for the REST API
 * @param channel {@code <platform>:<channel id>}, or {@code null} for a REST API call
 * without a chat channel
 * @param directMessage whether the command came in a direct message
 */
record Requester(String user, String channel, boolean directMessage) {

	static Requester of(ChatAddress address) {
		String user = address.platform() + ":" + address.userId();
		return new Requester(user, address.sourceChannel(), isDirectMessage(address));
	}

	static Requester ofApiKey(String keyName, ChatAddress address) {
		String channel = "api".equals(address.platform()) ? null : address.sourceChannel();
		return new Requester("api:" + keyName, channel, false);
	}

	// Slack's direct-message conversation ids start with D; the other platforms'
	// addresses
	// carry nothing that tells a direct message apart
	private static boolean isDirectMessage(ChatAddress address) {
		return "slack".equals(address.platform()) && address.channel() != null && address.channel().startsWith("D");
	}

}
