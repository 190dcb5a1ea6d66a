package io.github.st2chatops.gateway.state;

import java.time.Duration;
import java.util.Optional;

/**
 * Fixed-window counters shared by every replica, for rate limits. Only the Redis store
 * provides one: with the memory store each replica counts on its own.
 */
public interface RateCounter {

	/**
	 * Counts one hit in a bucket's current window.
	 * @param bucket what is counted, e.g. {@code user:slack:U123}
	 * @param limit how many hits a window allows
	 * @param window how long a window lasts from its first hit
	 * @return empty when the hit is within the limit, else how long until the window ends
	 * @throws StateUnavailableException when the shared store cannot tell
	 */
	Optional<Duration> hit(String bucket, int limit, Duration window);

}
