package io.github.st2chatops.gateway.relay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import io.github.st2chatops.gateway.web.GatewayProblemException;
import io.github.st2chatops.gateway.web.ProblemType;

import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * What every endpoint st2 posts to checks first: that the relay token is configured (else
 * the endpoint is not there, 404), that st2 presents it (401 otherwise), and that the
 * body is JSON (415).
 */
final class RelayTokenCheck {

	private final byte[] tokenDigest;

	RelayTokenCheck(RelayProperties properties) {
		this.tokenDigest = properties.pushEnabled()
				? DeliveryKeys.sha256(properties.token().getBytes(StandardCharsets.UTF_8)) : null;
	}

	/**
	 * Checks a request of st2.
	 * @param headers the request's headers
	 * @throws GatewayProblemException 404 without a relay token, 401 for a missing or
	 * wrong token, 415 for a body that is not JSON
	 */
	void check(HttpHeaders headers) {
		if (this.tokenDigest == null) {
			// not configured: the endpoint is not there, rather than open
			throw new GatewayProblemException(ProblemType.NOT_FOUND, "No such endpoint.");
		}
		if (!authorized(headers.getFirst(HttpHeaders.AUTHORIZATION))) {
			HttpHeaders challenge = new HttpHeaders();
			challenge.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"st2-chatops-gateway\"");
			throw new GatewayProblemException(ProblemType.UNAUTHORIZED,
					"A valid relay token is required: 'Authorization: Bearer <gateway.relay.token>'.", challenge);
		}
		requireJson(headers);
	}

	/**
	 * Accepts {@code Bearer <token>}, and {@code Basic} with the token as password (any
	 * user name): st2's {@code core.http} masks its {@code password} parameter in
	 * execution records, where a bearer header would show in clear.
	 */
	private boolean authorized(String authorization) {
		if (authorization == null) {
			return false;
		}
		String presented = null;
		int space = authorization.indexOf(' ');
		if (space > 0) {
			String scheme = authorization.substring(0, space);
			String credentials = authorization.substring(space + 1).strip();
			if ("Bearer".equalsIgnoreCase(scheme)) {
				presented = credentials;
			}
			else if ("Basic".equalsIgnoreCase(scheme)) {
				presented = basicPassword(credentials);
			}
		}
		if (presented == null) {
			return false;
		}
		// digests of equal length: the comparison takes the same time whatever was sent
		return MessageDigest.isEqual(this.tokenDigest, DeliveryKeys.sha256(presented.getBytes(StandardCharsets.UTF_8)));
	}

	private static String basicPassword(String credentials) {
		try {
			String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			return (colon >= 0) ? decoded.substring(colon + 1) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static void requireJson(HttpHeaders headers) {
		String contentType = headers.getFirst(HttpHeaders.CONTENT_TYPE);
		if (contentType == null) {
			return;
		}
		try {
			MediaType mediaType = MediaType.parseMediaType(contentType);
			if (MediaType.APPLICATION_JSON.isCompatibleWith(mediaType) || "json".equals(mediaType.getSubtypeSuffix())) {
				return;
			}
		}
		catch (InvalidMediaTypeException ex) {
			// falls through to the refusal
		}
		throw new GatewayProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "This endpoint takes application/json.");
	}

}
