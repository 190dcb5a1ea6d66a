package io.github.st2chatops.gateway.chat;

import java.util.Optional;

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

	/**
	 * Why this sender would not follow a reply URL ({@code response_url}) that came with
	 * an address, for example in the {@code context} of an st2 notification.
	 * @param responseUrl the URL
	 * @return a sentence naming the host, empty when the URL may be followed or this
	 * platform never follows reply URLs
	 */
	default Optional<String> responseUrlRefusal(String responseUrl) {
		return Optional.empty();
	}

}
