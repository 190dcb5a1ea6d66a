package io.github.st2chatops.gateway.simulator;

import java.time.Instant;
import java.util.Map;

/**
 * An execution the simulated st2 scheduled through {@code POST /api/v1/aliasexecution}:
 * what the gateway asked for and what st2 made of it.
 *
 * @param id the execution id
 * @param aliasRef the alias ({@code pack.name})
 * @param actionRef the action it runs
 * @param format the format the request named
 * @param command the command the request sent
 * @param user who the request said asked ({@code user}, st2's {@code api_user})
 * @param requester the st2 user the gateway authenticated as
 * @param sourceChannel the request's {@code source_channel}
 * @param sourceContext the request's {@code source_context}, or {@code null}
 * @param notificationRoute the request's {@code notification_route}, or {@code null}
 * @param parameters the parameters st2 extracted and cast
 * @param requestedAt when it was requested
 * @param completesAt when it completes
 * @param outcome the status it completes with ({@code succeeded} or {@code failed})
 * @param result what it returns
 */
public record SimulatedExecution(String id, String aliasRef, String actionRef, String format, String command,
		String user, String requester, String sourceChannel, Map<String, Object> sourceContext,
		String notificationRoute, Map<String, Object> parameters, Instant requestedAt, Instant completesAt,
		String outcome, Object result) {

	/**
	 * The status st2 reports at a moment: {@code running} until it completes.
	 * @param now the moment
	 * @return the status
	 */
	public String statusAt(Instant now) {
		return now.isBefore(this.completesAt) ? "running" : this.outcome;
	}

}
