package io.github.st2chatops.gateway.relay;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The keys that make a notification post once: the sender's {@code Idempotency-Key}, or a
 * SHA-256 of the notification's content (the pushed body, or the payload of a streamed
 * announcement), so that a repeat of the same content within the dedupe window is
 * recognised whichever way it came.
 */
final class DeliveryKeys {

	private DeliveryKeys() {
	}

	/**
	 * The key of a notification its sender named.
	 * @param idempotencyKey the sender's key, already validated
	 * @return the delivery key
	 */
	static String ofIdempotencyKey(String idempotencyKey) {
		return "key:" + idempotencyKey;
	}

	/**
	 * The key of a notification by its content.
	 * @param content the content's bytes
	 * @return {@code sha256:<hex>}
	 */
	static String ofContent(byte[] content) {
		return "sha256:" + HexFormat.of().formatHex(sha256((content != null) ? content : new byte[0]));
	}

	static byte[] sha256(byte[] content) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(content);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

}
