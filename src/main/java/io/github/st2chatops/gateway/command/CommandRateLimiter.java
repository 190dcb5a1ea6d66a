package io.github.st2chatops.gateway.command;

import java.time.Duration;
import java.util.Optional;

/**
 * Counts commands that are about to run, per user and per channel. The in-memory
 * implementation counts per replica; a shared store can replace it.
 */
interface CommandRateLimiter {

	/**
	 * Takes one permit for the requester and the requester's channel.
	 * @param requester who runs a command, and where
	 * @return empty when the command may run, else how long to wait before trying again
	 */
	Optional<Duration> acquire(Requester requester);

}
