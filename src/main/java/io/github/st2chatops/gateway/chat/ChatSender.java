package io.github.st2chatops.gateway.chat;

/**
 * Sends messages to one chat platform, the platform's way (its API, a response URL, a
 * webhook), split to the platform's size limit.
 */
public interface ChatSender {

	/**
	 * The platform this sender serves, as in {@link ChatAddress#platform()}.
	 * @return the platform id
	 */
	String platform();

	/**
	 * Sends one message, once. Retrying is the caller's decision.
	 * @param reply the message
	 * @throws ChatDeliveryException when the platform did not take it
	 */
	void send(ChatReply reply);

}
