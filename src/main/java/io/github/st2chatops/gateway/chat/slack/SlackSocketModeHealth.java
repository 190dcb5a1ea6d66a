package io.github.st2chatops.gateway.chat.slack;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Slack Socket Mode in {@code /actuator/health} (as {@code slackSocketMode}), not in
 * readiness: up while at least one connection said hello, down after Slack disabled the
 * link ({@code link_disabled}), unknown while the first connection is being opened. Its
 * details never hold a URL or a token.
 */
class SlackSocketModeHealth implements HealthIndicator {

	private final SlackSocketMode socketMode;

	SlackSocketModeHealth(SlackSocketMode socketMode) {
		this.socketMode = socketMode;
	}

	@Override
	public Health health() {
		SlackSocketMode.Status status = this.socketMode.status();
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
