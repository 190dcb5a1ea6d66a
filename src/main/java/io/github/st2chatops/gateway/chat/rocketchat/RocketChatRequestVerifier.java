package io.github.st2chatops.gateway.chat.rocketchat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.st2chatops.gateway.chat.ChatRequest;
import io.github.st2chatops.gateway.chat.ChatRequestProblem;
import io.github.st2chatops.gateway.chat.ChatRequestVerifier;
import io.github.st2chatops.gateway.chat.HmacSha256;
import io.github.st2chatops.gateway.chat.JsonBodies;

/**
 * Verifies a Rocket.Chat outgoing webhook request: Rocket.Chat signs nothing and puts the
 * integration's token in the JSON body, which is compared in constant time with
 * {@code gateway.chat.rocketchat.token}. A body that is not JSON cannot carry the token
 * and is refused as unreadable (400), as it always was.
 */
class RocketChatRequestVerifier implements ChatRequestVerifier {

	static final String NOT_A_MESSAGE = "The body is not a Rocket.Chat outgoing webhook message (JSON).";

	private final String token;

	private final JsonMapper jsonMapper;

	RocketChatRequestVerifier(String token, JsonMapper jsonMapper) {
		this.token = token;
		this.jsonMapper = jsonMapper;
	}

	@Override
	public Verification verify(ChatRequest request) {
		JsonNode body = JsonBodies.treeOrNull(this.jsonMapper, request.body());
		if (body == null || !body.isObject()) {
			return new Verification.Refused(ChatRequestProblem.invalid(NOT_A_MESSAGE));
		}
		JsonNode presented = body.get("token");
		if (presented == null || !presented.isString()
				|| !HmacSha256.secretsEqual(this.token, presented.stringValue())) {
			return Verification.unauthorized("The request's token does not match the outgoing webhook's token.");
		}
		return Verification.verified();
	}

}
