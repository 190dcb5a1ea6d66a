package io.github.st2chatops.gateway.chat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Runs chat commands off the webhook's thread, so each platform is answered within its
 * deadline: a platform that takes its reply in the HTTP response waits up to its deadline
 * for it, and whatever is later goes out through the platform's sender.
 */
public class ChatCommandRunner {

	private static final Logger logger = LoggerFactory.getLogger(ChatCommandRunner.class);

	private final ObjectProvider<ChatCommandHandler> handler;

	private final ChatDelivery delivery;

	private final Executor executor;

	public ChatCommandRunner(ObjectProvider<ChatCommandHandler> handler, ChatDelivery delivery, Executor executor) {
		this.handler = handler;
		this.delivery = delivery;
		this.executor = executor;
	}

	/**
	 * Prepares a command and runs it in the background; its replies go out through the
	 * platform's sender.
	 * @param command the command
	 * @param preparer the step before it
	 */
	public void runInBackground(ChatCommand command, ChatCommandPreparer preparer) {
		start(command, preparer).thenAccept(this::deliver);
	}

	/**
	 * Prepares and runs a command and waits up to a deadline for its replies.
	 * @param command the command
	 * @param preparer the step before it
	 * @param deadline how long the platform lets us answer in its HTTP response
	 * @return the replies when they were ready in time (possibly none); empty when the
	 * command is still running, in which case its replies go out through the sender
	 */
	public Optional<List<ChatReply>> runWithin(ChatCommand command, ChatCommandPreparer preparer, Duration deadline) {
		CompletableFuture<List<ChatReply>> replies = start(command, preparer);
		try {
			return Optional.of(replies.get(deadline.toMillis(), TimeUnit.MILLISECONDS));
		}
		catch (TimeoutException ex) {
			replies.thenAccept(this::deliver);
			return Optional.empty();
		}
		catch (ExecutionException ex) {
			return Optional.of(List.of());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			replies.thenAccept(this::deliver);
			return Optional.empty();
		}
	}

	private CompletableFuture<List<ChatReply>> start(ChatCommand command, ChatCommandPreparer preparer) {
		return CompletableFuture.supplyAsync(() -> run(command, preparer), this.executor).exceptionally((ex) -> {
			logger.error("Command from {} channel {} failed unexpectedly", command.address().platform(),
					command.address().channel(), ex);
			return List.of(ChatReply.of(command.address(),
					"Something went wrong in the gateway while running that; nothing is known to have run. The error is in the gateway's log."));
		});
	}

	/**
	 * Sends replies through their platforms' senders, off the caller's thread, in order.
	 * @param replies the replies
	 */
	public void deliverLater(List<ChatReply> replies) {
		this.executor.execute(() -> deliver(replies));
	}

	private List<ChatReply> run(ChatCommand command, ChatCommandPreparer preparer) {
		ChatCommandPreparer.Prepared prepared = preparer.prepare(command);
		if (prepared instanceof ChatCommandPreparer.Prepared.Ready ready) {
			return this.handler.getObject().handle(ready.command());
		}
		return ((ChatCommandPreparer.Prepared.Refused) prepared).replies();
	}

	private void deliver(List<ChatReply> replies) {
		for (ChatReply reply : replies) {
			this.delivery.deliver(reply);
		}
	}

}
