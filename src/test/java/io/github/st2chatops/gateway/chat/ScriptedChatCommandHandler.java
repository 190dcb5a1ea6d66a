package io.github.st2chatops.gateway.chat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A {@link ChatCommandHandler} for tests of platform adapters, standing in for the
 * command pipeline so a test sees exactly what the adapter hands over: records every
 * command, answers with canned replies ({@code echo: <text>} unless told otherwise), and
 * can be held on a gate to play a slow st2.
 */
public class ScriptedChatCommandHandler implements ChatCommandHandler {

	private final List<ChatCommand> commands = new CopyOnWriteArrayList<>();

	private final List<ChatCommand> finished = new CopyOnWriteArrayList<>();

	private volatile Function<ChatCommand, List<ChatReply>> replies = ScriptedChatCommandHandler::echo;

	private volatile CountDownLatch gate;

	private volatile CountDownLatch started = new CountDownLatch(1);

	@Override
	public List<ChatReply> handle(ChatCommand command) {
		this.commands.add(command);
		this.started.countDown();
		try {
			CountDownLatch current = this.gate;
			if (current != null && !current.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("the test never opened the gate");
			}
			return this.replies.apply(command);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		finally {
			this.finished.add(command);
		}
	}

	/**
	 * Forgets everything, lets held commands go and answers with {@code echo: <text>}
	 * again.
	 */
	public void reset() {
		this.commands.clear();
		this.finished.clear();
		this.replies = ScriptedChatCommandHandler::echo;
		release();
		this.gate = null;
		this.started = new CountDownLatch(1);
	}

	/**
	 * Sets the answer to every command.
	 * @param replies the replies for a command
	 */
	public void answer(Function<ChatCommand, List<ChatReply>> replies) {
		this.replies = replies;
	}

	/**
	 * Answers every command with one plain reply.
	 * @param text the reply text
	 */
	public void answerWith(String text) {
		answer((command) -> List.of(ChatReply.of(command.address(), text)));
	}

	/**
	 * Holds every command until {@link #release()}.
	 */
	public void hold() {
		this.gate = new CountDownLatch(1);
	}

	/**
	 * Lets held commands finish.
	 */
	public void release() {
		CountDownLatch current = this.gate;
		if (current != null) {
			current.countDown();
		}
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
	 * The commands received so far, in order.
	 * @return a copy
	 */
	public List<ChatCommand> commands() {
		return List.copyOf(this.commands);
	}

	/**
	 * The commands whose handling has returned, in order.
	 * @return a copy
	 */
	public List<ChatCommand> finished() {
		return List.copyOf(this.finished);
	}

	private static List<ChatReply> echo(ChatCommand command) {
		return List.of(ChatReply.of(command.address(), "echo: " + command.text()));
	}

}
