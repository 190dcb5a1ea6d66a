package io.github.st2chatops.gateway.st2;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code POST /api/v1/aliasexecution} (st2 {@code AliasExecutionAPI}; st2 rejects
 * any other property).
 *
 * @param name alias name (not the ref: st2 looks it up by name)
 * @param format the representation that matched
 * @param command the chat line without prefix
 * @param user the chat user st2 records as requester
 * @param sourceChannel {@code <platform>:<channel id>}
 * @param sourceContext the whole chat address, echoed back in the notification
 * @param notificationRoute the route st2 notifies the result on
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record St2AliasExecutionRequest(String name, String format, String command, String user,
		@JsonProperty("source_channel") String sourceChannel,
		@JsonProperty("source_context") Map<String, Object> sourceContext,
		@JsonProperty("notification_route") String notificationRoute) {
}
