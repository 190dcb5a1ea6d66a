package io.github.st2chatops.gateway.st2;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An st2 action execution ({@code GET /api/v1/executions/{id}}, st2
 * {@code ActionExecutionAPI}), with the fields the gateway shows.
 *
 * @param id execution id
 * @param status {@code requested}, {@code scheduled}, {@code running}, {@code succeeded},
 * {@code failed}, {@code timeout}, {@code canceled} ...
 * @param webUrl link to the execution in st2's web UI, when st2 knows its own URL
 * @param startTimestamp when it started
 * @param endTimestamp when it ended, absent while running
 * @param elapsedSeconds seconds it ran
 * @param action the action ({@code ref}, {@code name}, {@code pack} ...)
 * @param parameters the parameters it ran with
 * @param result its result, any JSON
 * @param context st2's context (user, source channel ...)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record St2Execution(String id, String status, @JsonProperty("web_url") String webUrl,
		@JsonProperty("start_timestamp") String startTimestamp, @JsonProperty("end_timestamp") String endTimestamp,
		@JsonProperty("elapsed_seconds") Double elapsedSeconds, Map<String, Object> action,
		Map<String, Object> parameters, Object result, Map<String, Object> context) {
}
