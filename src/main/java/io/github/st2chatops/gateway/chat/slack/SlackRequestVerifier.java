package io.github.st2chatops.gateway.chat.slack;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import io.github.st2chatops.gateway.chat.HmacSha256;

/**
 * Checks Slack's request signature on the raw body: {@code X-Slack-Signature} is
 * {@code v0=} and the hex HMAC-SHA256 of {@code v0:<X-Slack-Request-Timestamp>:<body>}
 * under the app's signing secret, compared in constant time, and the timestamp is within
 * five minutes of now either way, so a captured request cannot be replayed later.
 */
class SlackRequestVerifier {

	/** How far Slack's timestamp may be from our clock, either way. */
	static final Duration TOLERANCE = Duration.ofMinutes(5);

	private static final String VERSION = "v0";

	private final byte[] signingSecret;

	private final Clock clock;

	SlackRequestVerifier(String signingSecret, Clock clock) {
		this.signingSecret = signingSecret.getBytes(StandardCharsets.UTF_8);
		this.clock = clock;
	}

	/**
	 * Verifies a request.
	 * @param timestamp the {@code X-Slack-Request-Timestamp} header, or {@code null}
	 * @param signature the {@code X-Slack-Signature} header, or {@code null}
	 * @param body the raw body
	 * @throws SlackRequestRejectedException when the request is not Slack's (the message
	 * says why, without the expected signature)
	 */
	void verify(String timestamp, String signature, byte[] body) {
		if (timestamp == null || timestamp.isBlank() || signature == null || signature.isBlank()) {
			throw new SlackRequestRejectedException(
					"The X-Slack-Signature and X-Slack-Request-Timestamp headers are required.");
		}
		long seconds;
		try {
			seconds = Long.parseLong(timestamp.strip());
		}
		catch (NumberFormatException ex) {
			throw new SlackRequestRejectedException("X-Slack-Request-Timestamp is not a Unix time in seconds.");
		}
		long now = this.clock.instant().getEpochSecond();
		if (Math.abs(now - seconds) > TOLERANCE.toSeconds()) {
			throw new SlackRequestRejectedException(
					"X-Slack-Request-Timestamp is more than five minutes away from the gateway's clock.");
		}
		String presented = signature.strip();
		boolean matches = presented.startsWith(VERSION + "=")
				&& HmacSha256.matchesHex(this.signingSecret, presented.substring(VERSION.length() + 1),
						(VERSION + ":" + timestamp.strip() + ":").getBytes(StandardCharsets.UTF_8), body);
		if (!matches) {
			throw new SlackRequestRejectedException("The Slack signature does not match the request.");
		}
	}

	/**
	 * A request that does not carry a valid Slack signature. The message is safe to log
	 * and to answer with.
	 */
	static class SlackRequestRejectedException extends RuntimeException {

		SlackRequestRejectedException(String message) {
			super(message);
		}

	}

}
