package io.github.st2chatops.gateway.chat;

/**
 * The optional capability of a {@link ChatSender} whose platform takes files: a long
 * result is uploaded as one file, with a short message, instead of a wall of messages.
 * {@link ChatDelivery} uses it when a text is longer than
 * gateway.chat.delivery.files.min-length (default three messages of the platform), and
 * falls back to splitting when the upload fails. It is never asked for a whisper: no
 * platform shows a file to one user only.
 */
public interface ChatFileSender {

	/**
	 * Posts a file in the reply's place (channel or thread), with
	 * {@link ChatFile#comment()} as its message. The step that makes the file visible
	 * goes through {@code log.postOnce(ChatFile.STEP, ...)}, so that a retry does not
	 * post it twice; steps before it (getting an upload URL, sending the bytes) show
	 * nothing and fail with a known outcome.
	 * @param reply the message the file stands for
	 * @param file the file
	 * @param log what this delivery already posted
	 * @throws ChatDeliveryException when the platform did not take it
	 */
	void sendFile(ChatReply reply, ChatFile file, PostLog log);

}
