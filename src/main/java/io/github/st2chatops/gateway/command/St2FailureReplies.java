package io.github.st2chatops.gateway.command;

import io.github.st2chatops.gateway.st2.St2AuthenticationException;
import io.github.st2chatops.gateway.st2.St2Exception;
import io.github.st2chatops.gateway.st2.St2NotFoundException;
import io.github.st2chatops.gateway.st2.St2RejectedException;
import io.github.st2chatops.gateway.st2.St2UnavailableException;

/**
 * One readable sentence for each way st2 can fail an execution, saying what happened and
 * whether anything ran. Never raw HTTP text.
 */
final class St2FailureReplies {

	private St2FailureReplies() {
	}

	/**
	 * The outcome a failure ends a command with.
	 * @param failure what st2 did
	 * @return {@link CommandOutcome#REFUSED} when st2 answered and said no, else
	 * {@link CommandOutcome#UNAVAILABLE}
	 */
	static CommandOutcome outcome(St2Exception failure) {
		return (failure instanceof St2RejectedException || failure instanceof St2NotFoundException)
				? CommandOutcome.REFUSED : CommandOutcome.UNAVAILABLE;
	}

	static String forExecution(St2Exception failure, String aliasRef) {
		if (failure instanceof St2RejectedException rejected) {
			return "st2 refused to run " + aliasRef + ": " + rejected.faultstring() + " Nothing ran.";
		}
		if (failure instanceof St2NotFoundException) {
			return "st2 no longer knows " + aliasRef
					+ "; nothing ran. The alias list is being refreshed, try again in a moment.";
		}
		if (failure instanceof St2AuthenticationException) {
			return "The gateway could not sign in to st2, so nothing ran. An operator needs to check the gateway's st2 credentials.";
		}
		if (failure instanceof St2UnavailableException unavailable && unavailable.requestMayHaveReachedSt2()) {
			return "st2 did not answer in time, so " + aliasRef
					+ " may or may not have started. Check st2's execution history before you run it again.";
		}
		return "st2 is unavailable right now, so nothing ran. Try again in a minute.";
	}

}
