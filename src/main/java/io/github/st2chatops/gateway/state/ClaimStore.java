package io.github.st2chatops.gateway.state;

import java.time.Duration;

/**
 * Decides, across every replica, which delivery of something that may arrive more than
 * once (a retried webhook, a retried notification) is the first.
 */
public interface ClaimStore {

	/**
	 * Claims a key for a while.
	 * @param key what is claimed, e.g. {@code slack:event:Ev123}
	 * @param ttl how long the claim holds; after it the key may be claimed again
	 * @return true when this call is the first to claim the key within the window, false
	 * for a duplicate
	 * @throws StateUnavailableException when the store cannot say (the caller must then
	 * refuse rather than risk running twice)
	 */
	boolean claim(String key, Duration ttl);

	/**
	 * Gives a claim up, so that a later delivery of the same key is treated as first
	 * (used when the work the claim guarded failed and should be retried).
	 * @param key the claimed key
	 */
	void release(String key);

}
