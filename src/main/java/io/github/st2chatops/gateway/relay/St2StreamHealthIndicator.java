package io.github.st2chatops.gateway.relay;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health contributor {@code st2Stream}: UP while connected to st2's event stream, or
 * while another replica follows it (standby); DOWN while this replica should follow it
 * but is not connected. Details: connected, last event and last heartbeat time, reconnect
 * count, results queued for chat, the last error.
 */
class St2StreamHealthIndicator extends AbstractHealthIndicator {

	private final St2StreamFollower follower;

	St2StreamHealthIndicator(St2StreamFollower follower) {
		super("st2 event stream health check failed");
		this.follower = follower;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		StreamStatus status = this.follower.status();
		if (status.connected() || !status.leader()) {
			builder.up();
		}
		else {
			builder.down();
		}
		builder.withDetail("role", status.leader() ? "following" : "standby")
			.withDetail("connected", status.connected())
			.withDetail("reconnects", status.reconnects())
			.withDetail("queued", status.queued());
		if (status.connectedSince() != null) {
			builder.withDetail("connectedSince", status.connectedSince().toString());
		}
		if (status.lastEventAt() != null) {
			builder.withDetail("lastEvent", status.lastEventAt().toString());
		}
		if (status.lastReceivedAt() != null) {
			builder.withDetail("lastReceived", status.lastReceivedAt().toString());
		}
		if (status.lastError() != null) {
			builder.withDetail("lastError", status.lastError());
		}
	}

}
