package io.github.st2chatops.gateway.st2;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The fields of an st2 execution ({@code GET /api/v1/executions/{id}}) that lead from an
 * inquiry to the execution that started its workflow.
 *
 * @param id execution id
 * @param parent the parent execution's id, absent for a root execution
 * @param startTimestamp when it started, in st2's isotime format
 * @param context st2's context: {@code source_channel} when it was started from chat
 * @param liveaction st2's live action: {@code notify.on_complete.data.source_context}
 * holds the chat address an alias execution was sent with
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record St2ExecutionLink(String id, String parent, @JsonProperty("start_timestamp") String startTimestamp,
		Map<String, Object> context, Map<String, Object> liveaction) {

}
