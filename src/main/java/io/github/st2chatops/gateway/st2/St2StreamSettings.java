package io.github.st2chatops.gateway.st2;

import java.time.Duration;

/**
 * How the event stream client connects and reconnects.
 *
 * @param connectTimeout how long connecting and receiving the response headers may take
 * @param idleTimeout reconnect when nothing, not even st2's heartbeat, arrived for this
 * long (time the listener spends on an event does not count)
 * @param initialBackoff first wait before reconnecting after a failure, doubled on each
 * further failure, with jitter; a {@code retry} field from the server replaces it
 * @param maxBackoff the longest wait between reconnects
 * @param stableAfter a connection that lasted this long resets the backoff
 * @param maxEventSize the most characters one event may hold; a larger one is discarded
 * and reported
 */
public record St2StreamSettings(Duration connectTimeout, Duration idleTimeout, Duration initialBackoff,
		Duration maxBackoff, Duration stableAfter, int maxEventSize) {

	/** The default event size limit, 16 Mi characters. */
	public static final int DEFAULT_MAX_EVENT_SIZE = 16 * 1024 * 1024;

}
