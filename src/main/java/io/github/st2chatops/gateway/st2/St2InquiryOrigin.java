package io.github.st2chatops.gateway.st2;

import java.time.Instant;
import java.util.Map;

/**
 * Where an inquiry came from: when its {@code inquirer} execution started (its ttl counts
 * from there) and the chat address of the workflow's root execution, when that was
 * started from chat.
 *
 * @param started when the inquiry started, or {@code null} when st2 did not say
 * @param rootExecutionId the root execution's id
 * @param sourceChannel the root's {@code context.source_channel}, or {@code null}
 * @param sourceContext the root's {@code context.source_context}, empty when absent
 */
public record St2InquiryOrigin(Instant started, String rootExecutionId, String sourceChannel,
		Map<String, Object> sourceContext) {

	public St2InquiryOrigin {
		sourceContext = (sourceContext != null) ? sourceContext : Map.of();
	}

}
