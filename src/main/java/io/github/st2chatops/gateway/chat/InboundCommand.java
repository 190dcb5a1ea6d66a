package io.github.st2chatops.gateway.chat;

import java.time.Duration;
import java.util.List;

/**
 * A command a parser found in a verified request, with what the shared flow needs to run
 * it once.
 *
 * @param <M> the platform's own view of the request, handed back to the platform to shape
 * its answer
 * @param message the platform's own view of the request
 * @param command the command
 * @param claimKeys the keys that make a second delivery of the same message a duplicate
 * (for example Slack's event id and the message's channel and timestamp); empty when the
 * platform sends nothing to dedupe on
 * @param dedupeWindow how long the keys are remembered
 * @param preparer a slow step to run in the background before the command, or
 * {@link ChatCommandPreparer#NONE}
 */
public record InboundCommand<M>(M message, ChatCommand command, List<String> claimKeys, Duration dedupeWindow,
		ChatCommandPreparer preparer) {

	public InboundCommand {
		claimKeys = List.copyOf(claimKeys);
	}

	/**
	 * A command that needs no preparing.
	 * @param <M> the platform's view of the request
	 * @param message the platform's own view of the request
	 * @param command the command
	 * @param dedupeWindow how long the keys are remembered
	 * @param claimKeys the keys to claim
	 * @return the inbound command
	 */
	public static <M> InboundCommand<M> of(M message, ChatCommand command, Duration dedupeWindow, String... claimKeys) {
		return new InboundCommand<>(message, command, List.of(claimKeys), dedupeWindow, ChatCommandPreparer.NONE);
	}

	/**
	 * The same command with a step to run before it.
	 * @param preparer the step
	 * @return a new inbound command
	 */
	public InboundCommand<M> preparedBy(ChatCommandPreparer preparer) {
		return new InboundCommand<>(this.message, this.command, this.claimKeys, this.dedupeWindow, preparer);
	}

}
