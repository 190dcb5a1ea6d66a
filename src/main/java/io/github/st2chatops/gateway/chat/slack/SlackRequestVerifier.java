package io.github.st2chatops.gateway.chat.slack;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import io.github.st2chatops.gateway.chat.ChatRequest;
import io.github.st2chatops.gateway.chat.ChatRequestVerifier;
import io.github.st2chatops.gateway.chat.HmacSha256;
import io.github.st2chatops.gateway.chat.RequestTimestamp;

/**
 * Checks Slack's request signature on the raw body: {@code X-Slack-Signature} is
 * {@code v0=} and the hex HMAC-SHA256 of {@code v0:<X-Slack-Request-Timestamp>:<body>}
 * under the app's signing secret, compared in constant time, and the timestamp is within
 * five minutes of now either way, so a captured request cannot be replayed later.
 */
class SlackRequestVerifier implements ChatRequestVerifier {

	static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";

	static final String SIGNATURE_HEADER = "X-Slack-Signature";

	private static final String VERSION = "v0";

	private final byte[] signingSecret;

	private final Clock clock;

	SlackRequestVerifier(String signingSecret, Clock clock) {
		this.signingSecret = signingSecret.getBytes(StandardCharsets.UTF_8);
		this.clock = clock;
	}

	@Override
	public Verification verify(ChatRequest request) {
		return RequestTimestamp.verify(request, TIMESTAMP_HEADER, SIGNATURE_HEADER, "Slack", this.clock,
				(timestamp, signature) -> {
					String presented = signature.strip();
					return presented.startsWith(VERSION + "=") && HmacSha256.matchesHex(this.signingSecret,
							presented.substring(VERSION.length() + 1),
							(VERSION + ":" + timestamp.strip() + ":").getBytes(StandardCharsets.UTF_8), request.body());
				});
	}

}
