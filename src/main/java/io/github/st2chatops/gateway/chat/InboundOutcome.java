package io.github.st2chatops.gateway.chat;

import java.util.List;
import java.util.Optional;

/**
 * What the shared inbound flow did with one request: a closed set, the same for every
 * platform and transport. A webhook controller turns it into its platform's HTTP answer
 * ({@link Refused} through {@link ChatRequestProblem#toException()}); a socket transport
 * acknowledges or not.
 *
 * @param <M> the platform's own view of the request
 */
public sealed interface InboundOutcome<M> {

	/**
	 * The command was claimed and started.
	 *
	 * @param <M> the platform's view of the request
	 * @param message the platform's view of the request
	 * @param command the command as parsed
	 * @param replies the replies when they were ready within the platform's deadline
	 * (possibly none); empty when the command still runs, in which case its replies go
	 * out through the platform's sender
	 */
	record Accepted<M>(M message, ChatCommand command, Optional<List<ChatReply>> replies) implements InboundOutcome<M> {
	}

	/**
	 * The same message was already received: nothing runs again.
	 *
	 * @param <M> the platform's view of the request
	 * @param message the platform's view of the request
	 * @param command the command as parsed
	 */
	record Duplicate<M>(M message, ChatCommand command) implements InboundOutcome<M> {
	}

	/**
	 * Nothing to run (a bot's message, an edit ...).
	 *
	 * @param <M> the platform's view of the request
	 */
	record Ignored<M>() implements InboundOutcome<M> {
	}

	/**
	 * A platform's handshake, answered without running anything.
	 *
	 * @param <M> the platform's view of the request
	 * @param answer the body to answer with, or {@code null} for none
	 */
	record Handshake<M>(Object answer) implements InboundOutcome<M> {
	}

	/**
	 * Nothing ran, for the reason given: bad signature or token, unreadable payload, or a
	 * state store that could not tell whether this is a duplicate.
	 *
	 * @param <M> the platform's view of the request
	 * @param problem why
	 */
	record Refused<M>(ChatRequestProblem problem) implements InboundOutcome<M> {
	}

}
