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

	/**
	 * What the work a claim guards has done so far (the parts of a message already
	 * posted), as recorded with {@link #recordProgress}. It outlives a release, so that
	 * the next claim of the key, on any replica, resumes instead of starting over.
	 * @param key the claimed key
	 * @return the record, or {@code null} when there is none
	 * @throws StateUnavailableException when the store cannot say
	 */
	String progress(String key);

	/**
	 * Records what the work a claim guards has done so far. Only the holder of the claim
	 * writes it.
	 * @param key the claimed key
	 * @param progress the record (short text)
	 * @param ttl how long it is kept (the claim's window)
	 * @throws StateUnavailableException when the store cannot take it
	 */
	void recordProgress(String key, String progress, Duration ttl);

}
