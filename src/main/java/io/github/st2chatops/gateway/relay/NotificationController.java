package io.github.st2chatops.gateway.relay;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.st2chatops.gateway.web.GatewayProblemException;
import io.github.st2chatops.gateway.web.ProblemType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/st2/notifications}: st2 pushes a result here (the pack's rule,
 * through {@code core.http}); it is relayed to the chat it belongs to. 202 once posted
 * (or when it was posted before), 503 with {@code Retry-After} when chat could not take
 * it so st2's retry policy sends it again. Without {@code gateway.relay.token} the
 * endpoint does not exist (404).
 */
@RestController
class NotificationController {

	static final String PATH = "/api/v1/st2/notifications";

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

	private final NotificationRelay relay;

	private final JsonMapper jsonMapper;

	private final RelayTokenCheck tokenCheck;

	NotificationController(NotificationRelay relay, JsonMapper jsonMapper, RelayProperties properties) {
		this.relay = relay;
		this.jsonMapper = jsonMapper;
		this.tokenCheck = new RelayTokenCheck(properties);
	}

	@PostMapping(PATH)
	ResponseEntity<Map<String, String>> notify(@RequestHeader HttpHeaders headers,
			@RequestBody(required = false) byte[] body) {
		this.tokenCheck.check(headers);
		String deliveryKey = deliveryKey(headers.getFirst(IDEMPOTENCY_KEY), body);
		Notification notification = parse(body);
		RelayOutcome outcome = this.relay.relay(notification, deliveryKey, NotificationRelay.Source.PUSH);
		return answer(outcome);
	}

	static ResponseEntity<Map<String, String>> answer(RelayOutcome outcome) {
		if (outcome instanceof RelayOutcome.Delivered || outcome instanceof RelayOutcome.Duplicate
				|| outcome instanceof RelayOutcome.NotRelayed) {
			return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("status", outcome.name()));
		}
		if (outcome instanceof RelayOutcome.Invalid invalid) {
			throw new GatewayProblemException(ProblemType.INVALID_REQUEST, invalid.reason());
		}
		if (outcome instanceof RelayOutcome.Unroutable unroutable) {
			throw new GatewayProblemException(ProblemType.UNPROCESSABLE, unroutable.reason());
		}
		if (outcome instanceof RelayOutcome.Rejected rejected) {
			// a permanent refusal: sending it again cannot help, so not a 503
			throw new GatewayProblemException(ProblemType.UNPROCESSABLE,
					"The chat platform refused the message: " + rejected.reason());
		}
		if (outcome instanceof RelayOutcome.Failed failed) {
			throw unavailable("The chat platform did not take the message in time (" + failed.reason()
					+ "); send the notification again later.", failed.retryAfter());
		}
		RelayOutcome.Unavailable unavailable = (RelayOutcome.Unavailable) outcome;
		throw unavailable(unavailable.reason() + "; nothing was posted. Send it again later.",
				unavailable.retryAfter());
	}

	private static GatewayProblemException unavailable(String detail, Duration retryAfter) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds(retryAfter)));
		return new GatewayProblemException(ProblemType.UNAVAILABLE, detail, headers);
	}

	static long retryAfterSeconds(Duration retryAfter) {
		if (retryAfter == null || retryAfter.isNegative() || retryAfter.isZero()) {
			return 1;
		}
		// whole seconds, rounded up
		return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
	}

	private static String deliveryKey(String idempotencyKey, byte[] body) {
		if (idempotencyKey == null) {
			return DeliveryKeys.ofContent(body);
		}
		if (idempotencyKey.isEmpty() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH
				|| !idempotencyKey.chars().allMatch((c) -> c > 0x20 && c < 0x7f)) {
			throw new GatewayProblemException(ProblemType.INVALID_REQUEST, "'" + IDEMPOTENCY_KEY + "' must be 1 to "
					+ MAX_IDEMPOTENCY_KEY_LENGTH + " visible ASCII characters.");
		}
		return DeliveryKeys.ofIdempotencyKey(idempotencyKey);
	}

	private Notification parse(byte[] body) {
		if (body == null || body.length == 0) {
			throw new GatewayProblemException(ProblemType.INVALID_REQUEST,
					"The request body is missing: a JSON object of st2's chatops.post_message parameters is expected.");
		}
		Notification notification;
		try {
			notification = this.jsonMapper.readValue(body, Notification.class);
		}
		catch (JacksonException ex) {
			throw new GatewayProblemException(ProblemType.INVALID_REQUEST, describe(ex));
		}
		if (notification == null) {
			throw new GatewayProblemException(ProblemType.INVALID_REQUEST,
					"The request body is null: a JSON object of st2's chatops.post_message parameters is expected.");
		}
		return notification;
	}

	// names the field, never repeats the body
	private static String describe(JacksonException ex) {
		List<JacksonException.Reference> path = ex.getPath();
		if (!path.isEmpty() && path.get(0).getPropertyName() != null) {
			return "'" + path.get(0).getPropertyName() + "' has the wrong type: the body must hold st2's "
					+ "chatops.post_message parameters (message and channel strings, whisper a boolean, "
					+ "extra and context objects).";
		}
		return "The request body is not a JSON object of st2's chatops.post_message parameters "
				+ "(message, channel, user, whisper, extra, context).";
	}

}
