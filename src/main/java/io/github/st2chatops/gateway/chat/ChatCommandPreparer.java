package io.github.st2chatops.gateway.chat;

import java.util.List;

/**
 * A slow step some commands need before they run, such as looking up the user's name with
 * the platform's API. It runs in the background, after the platform was answered.
 */
@FunctionalInterface
public interface ChatCommandPreparer {

	/**
	 * Runs nothing: the command is ready as parsed.
	 */
	ChatCommandPreparer NONE = Prepared.Ready::new;

	/**
	 * Prepares a command.
	 * @param command the command as parsed
	 * @return the command to run, or the replies that say why nothing runs
	 */
	Prepared prepare(ChatCommand command);

	/**
	 * What preparing found: a closed set.
	 */
	sealed interface Prepared {

		/**
		 * The command to run.
		 *
		 * @param command the command
		 */
		record Ready(ChatCommand command) implements Prepared {
		}

		/**
		 * Nothing runs.
		 *
		 * @param replies what to tell the user (possibly nothing)
		 */
		record Refused(List<ChatReply> replies) implements Prepared {
		}

	}

}
