package io.github.st2chatops.gateway.chat.generic;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.st2chatops.gateway.web.GatewayProblemException;
import io.github.st2chatops.gateway.web.ProblemType;

/**
 * Verifies a generic webhook request on its raw bytes: both headers present, the
 * timestamp within {@link #WINDOW} of our clock either way, the signature right (constant
 * time). Anything else is a 401 and one WARN line that holds neither the secret nor the
 * expected signature.
 */
class GenericRequestVerifier {

	/** How far the request's timestamp may be from our clock, either way. */
	static final Duration WINDOW = Duration.ofSeconds(300);

	private static final Logger logger = LoggerFactory.getLogger(GenericRequestVerifier.class);

	private final String secret;

	private final Clock clock;

	GenericRequestVerifier(String secret, Clock clock) {
		this.secret = secret;
		this.clock = clock;
	}

	/**
	 * Verifies a request.
	 * @param timestamp the {@code X-Gateway-Timestamp} header
	 * @param signature the {@code X-Gateway-Signature} header
	 * @param body the raw body
	 * @throws GatewayProblemException 401 when anything is wrong
	 */
	void verify(String timestamp, String signature, byte[] body) {
		if (timestamp == null || signature == null) {
			throw refuse("the X-Gateway-Timestamp or X-Gateway-Signature header is missing",
					"The request must carry X-Gateway-Timestamp and X-Gateway-Signature headers.");
		}
		long seconds = parseSeconds(timestamp);
		if (seconds < 0) {
			throw refuse("X-Gateway-Timestamp is not a number of Unix seconds",
					"X-Gateway-Timestamp must be the Unix time in seconds.");
		}
		long now = this.clock.instant().getEpochSecond();
		if (Math.abs(now - seconds) > WINDOW.toSeconds()) {
			throw refuse("the timestamp is " + (now - seconds) + " s away from the gateway's clock",
					"X-Gateway-Timestamp is more than " + WINDOW.toSeconds()
							+ " seconds away from the gateway's clock; sign each request when it is sent.");
		}
		if (!GenericSignature.matches(this.secret, timestamp, body, signature)) {
			throw refuse("the signature does not match", "X-Gateway-Signature does not match the request.");
		}
	}

	private static long parseSeconds(String timestamp) {
		if (timestamp.isEmpty() || timestamp.length() > 12 || !timestamp.chars().allMatch(Character::isDigit)) {
			return -1;
		}
		return Long.parseLong(timestamp);
	}

	private static GatewayProblemException refuse(String reason, String detail) {
		logger.warn("Refused a generic webhook request: {}", reason);
		return new GatewayProblemException(ProblemType.UNAUTHORIZED, detail);
	}

}
