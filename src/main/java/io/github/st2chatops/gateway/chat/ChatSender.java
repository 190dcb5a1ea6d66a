package io.github.st2chatops.gateway.chat;

import java.util.Optional;

/**
 * Sends messages to one chat platform, the platform's way (its API, a response URL, a
 * webhook), split to the platform's size limit. Each post goes through the delivery's
 * {@link PostLog}, so that a retry (of the delivery loop, or st2's retry of the
 * notification, on any replica) posts only what did not go out yet.
 *
 * A platform that can post a long text as a file also implements {@link ChatFileSender}.
 */
public interface ChatSender {

	/**
	 * The platform this sender serves, as in {@link ChatAddress#platform()}.
	 * @return the platform id
	 */
	String platform();

	/**
	 * The longest text one message of this platform carries before it is split.
	 * @return the limit in characters
	 */
	int messageLimit();

	/**
	 * Sends one message, each of its parts through {@link PostLog#postEach}: parts the
	 * log holds as posted are skipped. Retrying is the caller's decision.
	 * @param reply the message
	 * @param log what this delivery already posted
	 * @throws ChatDeliveryException when the platform did not take a part
	 */
	void send(ChatReply reply, PostLog log);

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
