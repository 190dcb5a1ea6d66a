package io.github.st2chatops.gateway.relay;

import java.time.Instant;

/**
 * What the st2 event stream follower is doing.
 *
 * @param leader whether this replica holds the stream lock (only the holder follows)
 * @param connected whether a stream connection is open
 * @param connectedSince when the open connection was made, or {@code null}
 * @param lastReceivedAt when anything, a heartbeat included, last arrived, or
 * {@code null}
 * @param lastEventAt when the last event arrived, or {@code null}
 * @param reconnects how many times the follower connected again after a connection ended
 * or failed
 * @param lastError why the last connection ended or failed, or {@code null}
 * @param queued results read from the stream and not yet relayed to chat
 */
public record StreamStatus(boolean leader, boolean connected, Instant connectedSince, Instant lastReceivedAt,
		Instant lastEventAt, long reconnects, String lastError, int queued) {

}
