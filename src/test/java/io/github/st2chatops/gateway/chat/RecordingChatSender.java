package io.github.st2chatops.gateway.chat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A chat platform for tests without HTTP: it takes every message in one post and records
 * the replies it was given.
 */
class RecordingChatSender extends PlatformSender {

	private final List<ChatReply> replies = new CopyOnWriteArrayList<>();

	RecordingChatSender(String platform, int messageLimit) {
		super(platform, messageLimit);
	}

	@Override
	public void send(ChatReply reply, PostLog log) {
		log.postOnce("part:0", Duration.ZERO, (key) -> this.replies.add(reply));
	}

	/**
	 * The replies posted, oldest first.
	 * @return the replies
	 */
	List<ChatReply> replies() {
		return List.copyOf(this.replies);
	}

	/**
	 * The texts posted, oldest first.
	 * @return the texts
	 */
	List<String> texts() {
		return this.replies.stream().map(ChatReply::text).toList();
	}

}
