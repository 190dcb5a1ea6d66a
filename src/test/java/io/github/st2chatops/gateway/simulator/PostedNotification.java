package io.github.st2chatops.gateway.simulator;

import java.util.List;
import java.util.Map;

/**
 * A result the simulated st2 posted to the gateway when an execution completed, as st2's
 * notification rule would with {@code chatops.format_execution_result} and the gateway
 * pack's post action.
 *
 * @param executionId the execution (also the {@code Idempotency-Key})
 * @param url where it was posted
 * @param body st2's {@code chatops.post_message} parameters: {@code {message, channel,
 * user, whisper, extra, context}}
 * @param statuses the HTTP status of each attempt, {@code 0} where the connection failed
 * @param delivered whether an attempt got a 2xx
 */
public record PostedNotification(String executionId, String url, Map<String, Object> body, List<Integer> statuses,
		boolean delivered) {

	/**
	 * The notification's {@code message}.
	 * @return the formatted result
	 */
	public String message() {
		return (String) this.body.get("message");
	}

}
