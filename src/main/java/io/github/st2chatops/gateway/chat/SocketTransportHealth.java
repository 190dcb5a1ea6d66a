package io.github.st2chatops.gateway.chat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * A socket transport in {@code /actuator/health} (Slack's as {@code slackSocketMode},
 * Mattermost's as {@code mattermostWebSocket}), not in readiness: a replica whose socket
 * is down still serves the webhooks, the API and the relay. Up while at least one
 * connection is open, down after the platform stopped the transport (Slack's
 * {@code link_disabled}), unknown while the first connection is being opened. Its details
 * never hold a URL or a token.
 */
public class SocketTransportHealth implements HealthIndicator {

	private final SocketTransport transport;

	public SocketTransportHealth(SocketTransport transport) {
		this.transport = transport;
	}

	@Override
	public Health health() {
		SocketTransport.SocketStatus status = this.transport.status();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("connected", status.open() > 0);
		details.put("connectionsOpen", status.open());
		details.put("connectionsWanted", status.wanted());
		details.put("lastMessageAt", (status.lastMessageAt() != null) ? status.lastMessageAt().toString() : "never");
		details.put("lastError", (status.lastError() != null) ? status.lastError() : "none");
		Health.Builder health;
		if (status.stoppedBecause() != null) {
			health = Health.down();
		}
		else if (status.open() > 0) {
			health = Health.up();
		}
		else {
			health = Health.unknown();
		}
		return health.withDetails(details).build();
	}

}
