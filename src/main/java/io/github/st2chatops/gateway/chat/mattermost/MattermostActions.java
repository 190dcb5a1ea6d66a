package io.github.st2chatops.gateway.chat.mattermost;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatCommand;
import io.github.st2chatops.gateway.chat.ChatInboundParser;
import io.github.st2chatops.gateway.chat.ChatReply;
import io.github.st2chatops.gateway.chat.ChatRequest;
import io.github.st2chatops.gateway.chat.ChatRequestVerifier;
import io.github.st2chatops.gateway.chat.InboundCommand;
import io.github.st2chatops.gateway.chat.InquiryProperties;
import io.github.st2chatops.gateway.chat.JsonBodies;

/**
 * Mattermost's interactive message button callbacks
 * ({@code POST /chat/mattermost/actions}): the verifier and parser of the shared inbound
 * flow, and the action response. Mattermost signs nothing, so the gateway's buttons carry
 * their own proof: the {@code context} holds the inquiry id, the answer and their HMAC
 * with {@code gateway.inquiry.signing-secret}; a callback without a valid signature is
 * refused and runs nothing. A click becomes the line
 * {@code inquiry respond <inquiry id> <answer>} of the user who clicked.
 */
final class MattermostActions {

	/** A click is delivered once; the claim only guards against a replayed callback. */
	static final Duration CLAIM = Duration.ofHours(1);

	private MattermostActions() {
	}

	/**
	 * The verifier: the signature in the callback's context.
	 * @param inquiries the inquiry settings with the signing secret
	 * @param jsonMapper reads the callback
	 * @return the verifier
	 */
	static ChatRequestVerifier verifier(InquiryProperties inquiries, JsonMapper jsonMapper) {
		return (request) -> {
			if (!inquiries.mattermostButtons()) {
				return ChatRequestVerifier.Verification
					.unauthorized("Mattermost buttons are off (gateway.inquiry.signing-secret is not set).");
			}
			JsonNode context = read(request, jsonMapper).path("context");
			boolean signed = inquiries.signedBy(text(context, "inquiry"), text(context, "answer"),
					text(context, "signature"));
			return signed ? ChatRequestVerifier.Verification.verified()
					: ChatRequestVerifier.Verification.unauthorized("The button's signature is missing or wrong.");
		};
	}

	/**
	 * The parser of a verified callback.
	 * @param properties the Mattermost settings
	 * @param jsonMapper reads the callback
	 * @return the parser
	 */
	static ChatInboundParser<Void> parser(MattermostProperties properties, JsonMapper jsonMapper) {
		return (request) -> {
			JsonNode callback = read(request, jsonMapper);
			JsonNode context = callback.path("context");
			String userId = text(callback, "user_id");
			String channel = text(callback, "channel_id");
			String postId = text(callback, "post_id");
			if (userId == null || channel == null || postId == null) {
				return ChatInboundParser.Parsed.invalid("The action callback needs user_id, channel_id and post_id.");
			}
			String userName = (properties.userField() == MattermostProperties.UserField.NAME)
					? text(callback, "user_name") : userId;
			ChatAddress address = new ChatAddress(MattermostConfiguration.PLATFORM, text(callback, "team_id"), channel,
					null, userId, (userName != null) ? userName : userId, null);
			String line = "inquiry respond " + text(context, "inquiry") + " " + text(context, "answer");
			return ChatInboundParser.Parsed.command(InboundCommand.of(null, new ChatCommand(address, line, true), CLAIM,
					"mattermost:action:" + postId + ":" + userId + ":" + text(context, "answer")));
		};
	}

	/**
	 * Mattermost's action response: the post updated to the outcome without its buttons,
	 * or a refusal shown to the person who clicked only.
	 * @param replies the replies of the click
	 * @return the response body
	 */
	static Map<String, Object> response(List<ChatReply> replies) {
		if (replies.isEmpty()) {
			return Map.of();
		}
		ChatReply reply = replies.get(0);
		if (reply.whisper()) {
			return Map.of("ephemeral_text", reply.text());
		}
		// props without attachments: the buttons are gone
		return Map.of("update", Map.of("message", reply.text(), "props", Map.of("attachments", List.of())));
	}

	private static JsonNode read(ChatRequest request, JsonMapper jsonMapper) {
		JsonNode node = JsonBodies.treeOrNull(jsonMapper, request.body());
		return (node != null) ? node : jsonMapper.createObjectNode();
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return (value.isString() && !value.stringValue().isEmpty()) ? value.stringValue() : null;
	}

}
