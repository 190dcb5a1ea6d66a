package io.github.st2chatops.gateway.chat.teams;

import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.st2chatops.gateway.chat.HmacSha256;
import io.github.st2chatops.gateway.web.GatewayProblemException;
import io.github.st2chatops.gateway.web.ProblemType;

/**
 * Verifies a Teams outgoing webhook request: {@code Authorization: HMAC <base64>} where
 * the value is HMAC-SHA256 of the raw body keyed with the base64-decoded security token.
 * Teams sends no timestamp, so replays are caught by the activity id instead.
 */
class TeamsRequestVerifier {

	static final String SCHEME = "HMAC ";

	private static final Logger logger = LoggerFactory.getLogger(TeamsRequestVerifier.class);

	private final byte[] key;

	TeamsRequestVerifier(byte[] key) {
		this.key = key.clone();
	}

	/**
	 * Verifies a request.
	 * @param authorization the {@code Authorization} header
	 * @param body the raw body
	 * @throws GatewayProblemException 401 when the header is missing or wrong
	 */
	void verify(String authorization, byte[] body) {
		if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
			logger.warn("Refused a Teams request: no 'Authorization: HMAC ...' header");
			throw new GatewayProblemException(ProblemType.UNAUTHORIZED,
					"The request must carry an 'Authorization: HMAC <signature>' header.");
		}
		if (!HmacSha256.matchesBase64(this.key, authorization.substring(SCHEME.length()).strip(), body)) {
			logger.warn("Refused a Teams request: the HMAC signature does not match");
			throw new GatewayProblemException(ProblemType.UNAUTHORIZED,
					"The HMAC signature does not match the request.");
		}
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
