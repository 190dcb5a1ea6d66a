package io.github.st2chatops.gateway.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers how many parts of a split message a platform already took, so that when
 * {@link ChatDelivery} tries the same message again after a 429 on its third part, the
 * sender resumes at the third part instead of posting the first two twice. Messages are
 * told apart by identity: {@link ChatDelivery} retries with the very same
 * {@link ChatReply}. What a gave-up delivery leaves behind is forgotten after a while.
 */
public final class SentParts {

	private static final Duration FORGET_AFTER = Duration.ofMinutes(10);

	private final Map<Key, Progress> progress = new ConcurrentHashMap<>();

	private final Clock clock;

	public SentParts(Clock clock) {
		this.clock = clock;
	}

	/**
	 * The index of the first part still to send.
	 * @param reply the message
	 * @return 0 for a message not tried before
	 */
	public int next(ChatReply reply) {
		forgetStale();
		Progress current = this.progress.get(new Key(reply));
		return (current != null) ? current.sent() : 0;
	}

	/**
	 * Records that the platform took the parts before {@code sent}.
	 * @param reply the message
	 * @param sent how many parts were taken
	 */
	public void sent(ChatReply reply, int sent) {
		this.progress.put(new Key(reply), new Progress(sent, this.clock.instant()));
	}

	/**
	 * Forgets a message that was delivered or refused for good.
	 * @param reply the message
	 */
	public void done(ChatReply reply) {
		this.progress.remove(new Key(reply));
	}

	int size() {
		return this.progress.size();
	}

	private void forgetStale() {
		Instant limit = this.clock.instant().minus(FORGET_AFTER);
		this.progress.values().removeIf((entry) -> entry.touched().isBefore(limit));
	}

	private record Progress(int sent, Instant touched) {
	}

	/** A reply compared by identity, not by value. */
	private static final class Key {

		private final ChatReply reply;

		Key(ChatReply reply) {
			this.reply = reply;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Key key && key.reply == this.reply;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this.reply);
		}

	}

}
