package io.github.st2chatops.gateway.chat.generic;

import java.time.Duration;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatCommand;
import io.github.st2chatops.gateway.chat.ChatCommandRunner;
import io.github.st2chatops.gateway.chat.ChatText;
import io.github.st2chatops.gateway.chat.ConditionalOnChatPlatform;
import io.github.st2chatops.gateway.state.ClaimStore;
import io.github.st2chatops.gateway.state.StateUnavailableException;
import io.github.st2chatops.gateway.web.GatewayProblemException;
import io.github.st2chatops.gateway.web.ProblemType;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /chat/generic}: a signed chat line from any system. Verified on the raw
 * bytes, answered 202 at once; the command runs in the background and its replies go to
 * the callback URL.
 */
@RestController
@ConditionalOnChatPlatform("gateway.chat.generic.secret")
class GenericWebhookController {

	static final String PLATFORM = "generic";

	/**
	 * How long a seen signature is remembered: a signed request is valid for the window
	 * either side of our clock, so twice the window covers every replay.
	 */
	static final Duration REPLAY_WINDOW = GenericRequestVerifier.WINDOW.multipliedBy(2);

	private static final Logger logger = LoggerFactory.getLogger(GenericWebhookController.class);

	private final GenericRequestVerifier verifier;

	private final ClaimStore claims;

	private final ChatCommandRunner runner;

	private final JsonMapper jsonMapper;

	GenericWebhookController(GenericRequestVerifier verifier, ClaimStore claims, ChatCommandRunner runner,
			JsonMapper jsonMapper) {
		this.verifier = verifier;
		this.claims = claims;
		this.runner = runner;
		this.jsonMapper = jsonMapper;
	}

	@PostMapping("/chat/generic")
	ResponseEntity<Map<String, Object>> receive(
			@RequestHeader(name = GenericSignature.TIMESTAMP_HEADER, required = false) String timestamp,
			@RequestHeader(name = GenericSignature.SIGNATURE_HEADER, required = false) String signature,
			@RequestBody(required = false) byte[] body) {
		byte[] raw = (body != null) ? body : new byte[0];
		this.verifier.verify(timestamp, signature, raw);
		GenericMessage message = parse(raw);
		if (!firstDelivery(signature)) {
			logger.info("Generic webhook request for channel {} is a replay; not run again", message.channel());
			return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("accepted", true, "duplicate", true));
		}
		ChatAddress address = new ChatAddress(PLATFORM, null, message.channel(), blankToNull(message.thread()),
				message.user(), message.user(), null);
		// a generic caller always means the gateway, so no prefix is needed
		this.runner.runInBackground(new ChatCommand(address, ChatText.normalize(message.text()), true));
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("accepted", true));
	}

	private GenericMessage parse(byte[] body) {
		GenericMessage message;
		try {
			message = this.jsonMapper.readValue(body, GenericMessage.class);
		}
		catch (JacksonException ex) {
			throw new GatewayProblemException(ProblemType.INVALID_REQUEST,
					"The body must be a JSON object {\"text\", \"user\", \"channel\", \"thread\"?}.");
		}
		if (message == null) {
			throw new GatewayProblemException(ProblemType.INVALID_REQUEST,
					"The body must be a JSON object {\"text\", \"user\", \"channel\", \"thread\"?}.");
		}
		String problem = message.problem();
		if (problem != null) {
			throw new GatewayProblemException(ProblemType.INVALID_REQUEST, problem);
		}
		return message;
	}

	private boolean firstDelivery(String signature) {
		try {
			return this.claims.claim("generic:signature:" + signature.strip().toLowerCase(java.util.Locale.ROOT),
					REPLAY_WINDOW);
		}
		catch (StateUnavailableException ex) {
			HttpHeaders headers = new HttpHeaders();
			headers.set(HttpHeaders.RETRY_AFTER, "5");
			throw new GatewayProblemException(ProblemType.UNAVAILABLE,
					"The gateway cannot tell whether this request was already received; send it again shortly.",
					headers);
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
