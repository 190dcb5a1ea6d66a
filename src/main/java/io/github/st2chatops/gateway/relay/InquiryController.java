package io.github.st2chatops.gateway.relay;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.github.st2chatops.gateway.web.GatewayProblemException;
import io.github.st2chatops.gateway.web.ProblemType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/st2/inquiries}: st2 announces an inquiry here (the pack's rule on
 * {@code core.st2.generic.inquiry}, payload {@code {id, route}}); it is posted to chat
 * once per inquiry id. Same token and answers as the notification endpoint: 202 once
 * posted, posted before, or not to be posted (answered, timed out, no channel); 503 with
 * {@code Retry-After} when st2 or chat could not be reached, so st2's retry policy sends
 * it again. Without {@code gateway.relay.token} the endpoint does not exist (404).
 */
@RestController
class InquiryController {

	static final String PATH = "/api/v1/st2/inquiries";

	private static final int MAX_ID_LENGTH = 64;

	private final InquiryRelay relay;

	private final JsonMapper jsonMapper;

	private final RelayTokenCheck tokenCheck;

	InquiryController(InquiryRelay relay, JsonMapper jsonMapper, RelayProperties properties) {
		this.relay = relay;
		this.jsonMapper = jsonMapper;
		this.tokenCheck = new RelayTokenCheck(properties);
	}

	@PostMapping(PATH)
	ResponseEntity<Map<String, String>> announce(@RequestHeader HttpHeaders headers,
			@RequestBody(required = false) byte[] body) {
		this.tokenCheck.check(headers);
		Announcement announcement = parse(body);
		return NotificationController
			.answer(this.relay.announce(announcement.id(), announcement.route(), NotificationRelay.Source.PUSH));
	}

	private Announcement parse(byte[] body) {
		Announcement announcement = null;
		if (body != null && body.length > 0) {
			try {
				announcement = this.jsonMapper.readValue(body, Announcement.class);
			}
			catch (JacksonException ex) {
				// the sentence below names what is expected, never the body
			}
		}
		if (announcement == null || announcement.id() == null || announcement.id().isBlank()
				|| announcement.id().length() > MAX_ID_LENGTH
				|| !announcement.id().chars().allMatch((c) -> Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
			throw new GatewayProblemException(ProblemType.INVALID_REQUEST,
					"The body must be st2's core.st2.generic.inquiry payload: {\"id\": \"<inquiry id>\", "
							+ "\"route\": \"<route>\"}, with an id of at most " + MAX_ID_LENGTH
							+ " letters, digits, '-' or '_'.");
		}
		return announcement;
	}

	/**
	 * st2's {@code core.st2.generic.inquiry} trigger payload.
	 *
	 * @param id the inquiry id
	 * @param route the inquiry's route, may be empty
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Announcement(String id, String route) {
	}

}
