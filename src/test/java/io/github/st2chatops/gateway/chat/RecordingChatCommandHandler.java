package io.github.st2chatops.gateway.chat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Stands in for the command pipeline in platform tests: records every command it is
 * handed and answers with canned replies ({@code ran: <text>} unless told otherwise). It
 * can be held on a gate to play a slow st2.
 */
public class RecordingChatCommandHandler implements ChatCommandHandler {

	private final List<ChatCommand> commands = new CopyOnWriteArrayList<>();

	private final List<ChatCommand> finished = new CopyOnWriteArrayList<>();

	private volatile Function<ChatCommand, List<ChatReply>> replies = RecordingChatCommandHandler::ran;

	private volatile CountDownLatch gate;

	private volatile CountDownLatch started = new CountDownLatch(1);

	@Override
	public List<ChatReply> handle(ChatCommand command) {
		this.commands.add(command);
		this.started.countDown();
		CountDownLatch currentGate = this.gate;
		if (currentGate != null) {
			try {
				if (!currentGate.await(20, TimeUnit.SECONDS)) {
					throw new IllegalStateException("the test never opened the gate");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		List<ChatReply> result = this.replies.apply(command);
		this.finished.add(command);
		return result;
	}

	/**
	 * The commands handed over so far, in order.
	 * @return the commands
	 */
	public List<ChatCommand> commands() {
		return List.copyOf(this.commands);
	}

	/**
	 * The commands whose replies were returned.
	 * @return the commands
	 */
	public List<ChatCommand> finished() {
		return List.copyOf(this.finished);
	}

	/**
	 * Answers every command with these replies from now on.
	 * @param replies the replies for a command
	 */
	public void replyWith(Function<ChatCommand, List<ChatReply>> replies) {
		this.replies = replies;
	}

	/**
	 * Holds every command until the returned latch is counted down.
	 * @return the gate
	 */
	public CountDownLatch holdCommands() {
		CountDownLatch newGate = new CountDownLatch(1);
		this.gate = newGate;
		return newGate;
	}

	/**
	 * Waits until a command reached the handler.
	 * @return true when one did within 10 seconds
	 * @throws InterruptedException when interrupted
	 */
	public boolean awaitStarted() throws InterruptedException {
		return this.started.await(10, TimeUnit.SECONDS);
	}

	/**
	 * Forgets everything and answers with {@code ran: <text>} again.
	 */
	public void reset() {
		this.commands.clear();
		this.finished.clear();
		this.replies = RecordingChatCommandHandler::ran;
		CountDownLatch oldGate = this.gate;
		this.gate = null;
		if (oldGate != null) {
			oldGate.countDown();
		}
		this.started = new CountDownLatch(1);
	}

	private static List<ChatReply> ran(ChatCommand command) {
		return List.of(ChatReply.of(command.address(), "ran: " + command.text()));
	}

}
