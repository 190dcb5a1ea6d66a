package io.github.st2chatops.gateway.api;

import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.st2chatops.gateway.st2.St2Operations;
import io.github.st2chatops.gateway.st2.St2Exception;
import io.github.st2chatops.gateway.st2.St2Execution;
import io.github.st2chatops.gateway.web.GatewayProblemException;
import io.github.st2chatops.gateway.web.ProblemType;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An execution's status and result, read from st2, for callers that ran a command without
 * a chat channel.
 */
@RestController
@RequestMapping(path = "/api/v1/executions", produces = MediaType.APPLICATION_JSON_VALUE)
class ExecutionController {

	/** st2 execution ids are MongoDB object ids. */
	private static final Pattern EXECUTION_ID = Pattern.compile("[0-9a-f]{24}");

	private final St2Operations st2;

	ExecutionController(St2Operations st2) {
		this.st2 = st2;
	}

	@GetMapping("/{id}")
	ExecutionResponse get(@PathVariable String id) {
		if (!EXECUTION_ID.matcher(id).matches()) {
			throw new GatewayProblemException(ProblemType.INVALID_REQUEST,
					"An execution id is 24 hexadecimal characters.");
		}
		try {
			return ExecutionResponse.from(this.st2.getExecution(id));
		}
		catch (St2Exception ex) {
			throw St2Problems.of(ex, "st2 has no execution " + id + ".");
		}
	}

	/**
	 * An execution as the REST API shows it.
	 *
	 * @param id execution id
	 * @param status st2 status
	 * @param action the action ref
	 * @param webUrl st2 web UI link
	 * @param startTimestamp when it started
	 * @param endTimestamp when it ended
	 * @param elapsedSeconds how long it ran
	 * @param parameters its parameters
	 * @param result its result
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ExecutionResponse(String id, String status, String action, @JsonProperty("web_url") String webUrl,
			@JsonProperty("start_timestamp") String startTimestamp, @JsonProperty("end_timestamp") String endTimestamp,
			@JsonProperty("elapsed_seconds") Double elapsedSeconds, Map<String, Object> parameters, Object result) {

		static ExecutionResponse from(St2Execution execution) {
			Object ref = (execution.action() != null) ? execution.action().get("ref") : null;
			return new ExecutionResponse(execution.id(), execution.status(), (ref != null) ? ref.toString() : null,
					execution.webUrl(), execution.startTimestamp(), execution.endTimestamp(),
					execution.elapsedSeconds(), execution.parameters(), execution.result());
		}

	}

}
