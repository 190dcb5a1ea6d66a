package io.github.st2chatops.gateway.chat.mattermost;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;

import io.github.st2chatops.gateway.chat.ChatRequest;
import io.github.st2chatops.gateway.chat.ChatRequestVerifier;

/**
 * Verifies a Mattermost request: Mattermost signs nothing; a slash command carries
 * {@code Authorization: Token <token>} and a {@code token} field, an outgoing webhook the
 * field. Each present must match one of {@code gateway.chat.mattermost.token} (compared
 * in constant time with every configured token), and one must be there. A body that
 * cannot be read for its {@code token} field is refused as unreadable (400 or 415).
 */
class MattermostRequestVerifier implements ChatRequestVerifier {

	private static final String TOKEN_SCHEME = "Token ";

	private static final String MISMATCH = "The Mattermost token does not match.";

	private final List<byte[]> tokens;

	private final JsonMapper jsonMapper;

	MattermostRequestVerifier(List<String> tokens, JsonMapper jsonMapper) {
		this.tokens = tokens.stream().map((token) -> token.getBytes(StandardCharsets.UTF_8)).toList();
		this.jsonMapper = jsonMapper;
	}

	@Override
	public Verification verify(ChatRequest request) {
		String authorization = request.header(HttpHeaders.AUTHORIZATION);
		String headerToken = (authorization != null
				&& authorization.regionMatches(true, 0, TOKEN_SCHEME, 0, TOKEN_SCHEME.length()))
						? authorization.substring(TOKEN_SCHEME.length()).strip() : null;
		if (headerToken != null && !known(headerToken)) {
			return Verification.unauthorized(MISMATCH);
		}
		Map<String, String> fields;
		try {
			fields = MattermostFields.read(request, this.jsonMapper);
		}
		catch (MattermostFields.UnreadableException ex) {
			return new Verification.Refused(ex.problem());
		}
		String fieldToken = fields.get("token");
		if (headerToken == null && (fieldToken == null || fieldToken.isEmpty())) {
			return Verification
				.unauthorized("A Mattermost token is required (Authorization: Token ... or a token field).");
		}
		if (fieldToken != null && !known(fieldToken)) {
			return Verification.unauthorized(MISMATCH);
		}
		return Verification.verified();
	}

	private boolean known(String presented) {
		byte[] bytes = presented.getBytes(StandardCharsets.UTF_8);
		boolean match = false;
		for (byte[] token : this.tokens) {
			// no early exit: every configured token is compared
			match |= MessageDigest.isEqual(token, bytes);
		}
		return match;
	}

}
