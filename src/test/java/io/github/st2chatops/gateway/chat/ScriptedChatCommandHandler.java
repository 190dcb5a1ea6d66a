package io.github.st2chatops.gateway.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A {@link ChatCommandHandler} for end-to-end tests of platform adapters, standing in for
 * the command pipeline: records every command, answers with canned replies, and can be
 * held on a latch to play a slow st2.
 */
public class ScriptedChatCommandHandler implements ChatCommandHandler {

	private final List<ChatCommand> commands = new CopyOnWriteArrayList<>();

	private final AtomicInteger finished = new AtomicInteger();

	private volatile Function<ChatCommand, List<ChatReply>> replies = ScriptedChatCommandHandler::echo;

	private volatile CountDownLatch gate;

	@Override
	public List<ChatReply> handle(ChatCommand command) {
		this.commands.add(command);
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
			this.finished.incrementAndGet();
		}
	}

	/**
	 * Forgets everything and answers with {@link #echo(ChatCommand)} again.
	 */
	public void reset() {
		this.commands.clear();
		this.finished.set(0);
		this.replies = ScriptedChatCommandHandler::echo;
		this.gate = null;
	}

	/**
	 * Sets the answer to every command.
	 * @param replies the answer
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
	 * The commands received so far.
	 * @return a copy
	 */
	public List<ChatCommand> commands() {
		return new ArrayList<>(this.commands);
	}

	/**
	 * How many commands have returned.
	 * @return the count
	 */
	public int finished() {
		return this.finished.get();
	}

	private static List<ChatReply> echo(ChatCommand command) {
		return List.of(ChatReply.of(command.address(), "echo: " + command.text()));
	}

}
