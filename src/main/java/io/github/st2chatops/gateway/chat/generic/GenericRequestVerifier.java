package io.github.st2chatops.gateway.chat.generic;

import java.time.Clock;
import java.time.Duration;

import io.github.st2chatops.gateway.chat.ChatRequest;
import io.github.st2chatops.gateway.chat.ChatRequestVerifier;

/**
 * Verifies a generic webhook request on its raw bytes: both headers present, the
 * timestamp within {@link #WINDOW} of our clock either way, the signature right (constant
 * time). The reason never holds the secret or the expected signature.
 */
class GenericRequestVerifier implements ChatRequestVerifier {

	/** How far the request's timestamp may be from our clock, either way. */
	static final Duration WINDOW = Duration.ofSeconds(300);

	private final String secret;

	private final Clock clock;

	GenericRequestVerifier(String secret, Clock clock) {
		this.secret = secret;
		this.clock = clock;
	}

	@Override
	public Verification verify(ChatRequest request) {
		String timestamp = request.header(GenericSignature.TIMESTAMP_HEADER);
		String signature = request.header(GenericSignature.SIGNATURE_HEADER);
		if (timestamp == null || signature == null) {
			return Verification
				.unauthorized("The request must carry X-Gateway-Timestamp and X-Gateway-Signature headers.");
		}
		long seconds = parseSeconds(timestamp);
		if (seconds < 0) {
			return Verification.unauthorized("X-Gateway-Timestamp must be the Unix time in seconds.");
		}
		long now = this.clock.instant().getEpochSecond();
		if (Math.abs(now - seconds) > WINDOW.toSeconds()) {
			return Verification.unauthorized("X-Gateway-Timestamp is more than " + WINDOW.toSeconds()
					+ " seconds away from the gateway's clock; sign each request when it is sent.");
		}
		if (!GenericSignature.matches(this.secret, timestamp, request.body(), signature)) {
			return Verification.unauthorized("X-Gateway-Signature does not match the request.");
		}
		return Verification.verified();
	}

	private static long parseSeconds(String timestamp) {
		if (timestamp.isEmpty() || timestamp.length() > 12 || !timestamp.chars().allMatch(Character::isDigit)) {
			return -1;
		}
		return Long.parseLong(timestamp);
	}

}
