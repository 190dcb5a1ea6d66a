package io.github.st2chatops.gateway.st2;

import java.time.Instant;

/**
 * What an st2 event stream subscription is doing.
 *
 * @param connected whether a stream connection is open
 * @param connectedSince when the open connection was made, or {@code null}
 * @param lastReceivedAt when anything, a heartbeat included, last arrived, or
 * {@code null}
 * @param lastError why the last connection ended or failed, or {@code null}
 * @param lastEventId the last event id the stream set, sent as {@code Last-Event-ID} on
 * reconnect; empty when none (st2 sets none)
 */
public record St2StreamState(boolean connected, Instant connectedSince, Instant lastReceivedAt, String lastError,
		String lastEventId) {

	/** The state of no subscription. */
	public static final St2StreamState CLOSED = new St2StreamState(false, null, null, null, "");

}
