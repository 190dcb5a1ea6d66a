package io.github.st2chatops.gateway.chat.discord;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.HexFormat;

import io.github.st2chatops.gateway.chat.ChatRequest;
import io.github.st2chatops.gateway.chat.ChatRequestVerifier;
import io.github.st2chatops.gateway.chat.RequestTimestamp;

/**
 * Checks Discord's interaction signature on the raw body: {@code X-Signature-Ed25519} is
 * the hex Ed25519 signature of {@code <X-Signature-Timestamp><body>} under the
 * application's private key, checked with its public key by the JDK's
 * {@code Signature("Ed25519")}, and the timestamp is within five minutes of now either
 * way, so a captured request cannot be replayed later. Discord sends endpoints requests
 * with bad signatures on purpose and removes an endpoint that accepts one.
 */
class DiscordRequestVerifier implements ChatRequestVerifier {

	static final String TIMESTAMP_HEADER = "X-Signature-Timestamp";

	static final String SIGNATURE_HEADER = "X-Signature-Ed25519";

	/**
	 * The DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (RFC 8410): the raw
	 * 32-byte key follows it.
	 */
	private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

	private static final int SIGNATURE_BYTES = 64;

	private final PublicKey publicKey;

	private final Clock clock;

	/**
	 * @param publicKeyHex the application's public key, 64 hex digits
	 * @param clock the clock the timestamp is checked against
	 */
	DiscordRequestVerifier(String publicKeyHex, Clock clock) {
		this.publicKey = publicKey(publicKeyHex);
		this.clock = clock;
	}

	@Override
	public Verification verify(ChatRequest request) {
		return RequestTimestamp.verify(request, TIMESTAMP_HEADER, SIGNATURE_HEADER, "Discord", this.clock,
				(timestamp, signature) -> matches(this.publicKey, timestamp.getBytes(StandardCharsets.UTF_8),
						request.body(), signature.strip()));
	}

	/**
	 * Whether a hex signature is the Ed25519 signature of the two parts, one after the
	 * other.
	 * @param publicKey the public key
	 * @param first the first signed part (the timestamp)
	 * @param second the second signed part (the body)
	 * @param signatureHex the signature as hex
	 * @return true when it matches; false for anything else, unreadable hex included
	 */
	static boolean matches(PublicKey publicKey, byte[] first, byte[] second, String signatureHex) {
		byte[] presented;
		try {
			presented = HexFormat.of().parseHex(signatureHex);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		if (presented.length != SIGNATURE_BYTES) {
			return false;
		}
		try {
			// a new Signature per call: it is not thread-safe
			Signature verifier = Signature.getInstance("Ed25519");
			verifier.initVerify(publicKey);
			verifier.update(first);
			verifier.update(second);
			return verifier.verify(presented);
		}
		catch (GeneralSecurityException ex) {
			// a signature that is not a valid encoding is simply not a match
			return false;
		}
	}

	/**
	 * An Ed25519 public key from its 32 raw bytes, as Discord shows it (hex).
	 * @param hex 64 hex digits
	 * @return the key
	 * @throws IllegalArgumentException when the bytes are not an Ed25519 public key
	 */
	static PublicKey publicKey(String hex) {
		byte[] raw = HexFormat.of().parseHex(hex);
		byte[] encoded = new byte[X509_PREFIX.length + raw.length];
		System.arraycopy(X509_PREFIX, 0, encoded, 0, X509_PREFIX.length);
		System.arraycopy(raw, 0, encoded, X509_PREFIX.length, raw.length);
		try {
			return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException(
					DiscordProperties.PUBLIC_KEY + " is not an Ed25519 public key: " + ex.getClass().getSimpleName(),
					ex);
		}
	}

}
