package io.github.st2chatops.gateway.state;

import java.time.Duration;

/**
 * A lock that at most one replica holds at a time, for work only one may do (following
 * st2's event stream). Its holder renews it well before the TTL runs out; a crashed
 * holder loses it when the TTL expires.
 */
public interface LeaderLock {

	/**
	 * Takes the lock if it is free, or renews it if this replica holds it.
	 * @param name the lock's name
	 * @param ttl how long the lock holds without renewal
	 * @return whether this replica holds the lock now
	 */
	boolean acquireOrRenew(String name, Duration ttl);

	/**
	 * Whether this replica still holds the lock (checked before acting on it).
	 * @param name the lock's name
	 * @return true while held
	 */
	boolean isHeld(String name);

	/**
	 * Lets the lock go, if held, so another replica can take over at once.
	 * @param name the lock's name
	 */
	void release(String name);

}
