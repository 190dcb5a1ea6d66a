package io.github.st2chatops.gateway.chat.slack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.github.st2chatops.gateway.chat.HmacSha256;

/**
 * Slack's documented payloads under {@code src/test/resources/chat/slack/}, and signing
 * them the way Slack does.
 */
final class SlackFixtures {

	private SlackFixtures() {
	}

	static String text(String name) {
		try (InputStream in = SlackFixtures.class.getResourceAsStream("/chat/slack/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("no fixture " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Slack's signature headers for a body.
	 * @param secret the signing secret
	 * @param at the request time
	 * @param body the body
	 * @return header names and values
	 */
	static String[] signed(String secret, Instant at, String body) {
		String timestamp = String.valueOf(at.getEpochSecond());
		String signature = "v0=" + HmacSha256.signHex(secret.getBytes(StandardCharsets.UTF_8),
				("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8));
		return new String[] { "X-Slack-Request-Timestamp", timestamp, "X-Slack-Signature", signature };
	}

}
