package io.github.st2chatops.gateway.chat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures as chat platforms use them. A new {@link Mac} per call (it is
 * not thread-safe); comparisons in constant time. Never log or return the expected value.
 */
public final class HmacSha256 {

	private HmacSha256() {
	}

	/**
	 * Signs content.
	 * @param key the secret
	 * @param parts the signed content, concatenated
	 * @return the raw signature
	 */
	public static byte[] sign(byte[] key, byte[]... parts) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			for (byte[] part : parts) {
				mac.update(part);
			}
			return mac.doFinal();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}

	/**
	 * Signs content and gives lower-case hex.
	 * @param key the secret
	 * @param parts the signed content
	 * @return the hex signature
	 */
	public static String signHex(byte[] key, byte[]... parts) {
		return HexFormat.of().formatHex(sign(key, parts));
	}

	/**
	 * Whether a presented hex signature is right, in constant time.
	 * @param key the secret
	 * @param presentedHex the signature the request carries (case-insensitive)
	 * @param parts the signed content
	 * @return true when it matches
	 */
	public static boolean matchesHex(byte[] key, String presentedHex, byte[]... parts) {
		if (presentedHex == null) {
			return false;
		}
		byte[] expected = signHex(key, parts).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected,
				presentedHex.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * Whether a presented base64 signature is right, in constant time.
	 * @param key the secret
	 * @param presentedBase64 the signature the request carries
	 * @param parts the signed content
	 * @return true when it matches
	 */
	public static boolean matchesBase64(byte[] key, String presentedBase64, byte[]... parts) {
		if (presentedBase64 == null) {
			return false;
		}
		byte[] expected = Base64.getEncoder().encode(sign(key, parts));
		return MessageDigest.isEqual(expected, presentedBase64.strip().getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * Compares two secrets in constant time (tokens platforms send in the body or a
	 * header).
	 * @param expected the configured secret
	 * @param presented what the request carries
	 * @return true when equal
	 */
	public static boolean secretsEqual(String expected, String presented) {
		if (expected == null || presented == null) {
			return false;
		}
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
				presented.getBytes(StandardCharsets.UTF_8));
	}

}
