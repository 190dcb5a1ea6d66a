package io.github.st2chatops.gateway.chat.generic;

import java.nio.charset.StandardCharsets;

import io.github.st2chatops.gateway.chat.HmacSha256;

/**
 * The generic webhook's signature, the same in both directions:
 * {@code X-Gateway-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}
 * with {@code X-Gateway-Timestamp: <Unix seconds>}.
 */
final class GenericSignature {

	static final String TIMESTAMP_HEADER = "X-Gateway-Timestamp";

	static final String SIGNATURE_HEADER = "X-Gateway-Signature";

	static final String PREFIX = "sha256=";

	private GenericSignature() {
	}

	/**
	 * Signs a body.
	 * @param secret the shared secret
	 * @param timestamp the Unix seconds sent in {@code X-Gateway-Timestamp}
	 * @param body the raw body
	 * @return the {@code X-Gateway-Signature} value
	 */
	static String sign(String secret, String timestamp, byte[] body) {
		return PREFIX + HmacSha256.signHex(secret.getBytes(StandardCharsets.UTF_8), signedPrefix(timestamp), body);
	}

	/**
	 * Whether a presented signature is right, in constant time.
	 * @param secret the shared secret
	 * @param timestamp the timestamp header as sent
	 * @param body the raw body
	 * @param presented the {@code X-Gateway-Signature} header as sent
	 * @return true when it matches
	 */
	static boolean matches(String secret, String timestamp, byte[] body, String presented) {
		if (presented == null || !presented.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
			return false;
		}
		return HmacSha256.matchesHex(secret.getBytes(StandardCharsets.UTF_8), presented.substring(PREFIX.length()),
				signedPrefix(timestamp), body);
	}

	private static byte[] signedPrefix(String timestamp) {
		return (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
	}

}
