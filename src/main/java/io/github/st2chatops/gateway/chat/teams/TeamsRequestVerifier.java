package io.github.st2chatops.gateway.chat.teams;

import java.util.Base64;

import org.springframework.http.HttpHeaders;

import io.github.st2chatops.gateway.chat.ChatRequest;
import io.github.st2chatops.gateway.chat.ChatRequestVerifier;
import io.github.st2chatops.gateway.chat.HmacSha256;

/**
 * Verifies a Teams outgoing webhook request: {@code Authorization: HMAC <base64>} where
 * the value is HMAC-SHA256 of the raw body keyed with the base64-decoded security token.
 * Teams sends no timestamp, so replays are caught by the activity id instead.
 */
class TeamsRequestVerifier implements ChatRequestVerifier {

	static final String SCHEME = "HMAC ";

	private final byte[] key;

	TeamsRequestVerifier(byte[] key) {
		this.key = key.clone();
	}

	@Override
	public Verification verify(ChatRequest request) {
		String authorization = request.header(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
			return Verification.unauthorized("The request must carry an 'Authorization: HMAC <signature>' header.");
		}
		if (!HmacSha256.matchesBase64(this.key, authorization.substring(SCHEME.length()).strip(), request.body())) {
			return Verification.unauthorized("The HMAC signature does not match the request.");
		}
		return Verification.verified();
	}

	/**
	 * The {@code Authorization} value Teams sends for a body.
	 * @param key the decoded security token
	 * @param body the raw body
	 * @return {@code HMAC <base64>}
	 */
	static String authorization(byte[] key, byte[] body) {
		return SCHEME + Base64.getEncoder().encodeToString(HmacSha256.sign(key, body));
	}

}
