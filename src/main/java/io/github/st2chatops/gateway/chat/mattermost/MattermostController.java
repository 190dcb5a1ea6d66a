package io.github.st2chatops.gateway.chat.mattermost;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatCommand;
import io.github.st2chatops.gateway.chat.ChatCommandRunner;
import io.github.st2chatops.gateway.chat.ChatDelivery;
import io.github.st2chatops.gateway.chat.ChatReply;
import io.github.st2chatops.gateway.chat.ChatText;
import io.github.st2chatops.gateway.chat.FormFields;
import io.github.st2chatops.gateway.state.ClaimStore;
import io.github.st2chatops.gateway.state.StateUnavailableException;
import io.github.st2chatops.gateway.web.GatewayProblemException;
import io.github.st2chatops.gateway.web.ProblemType;

/**
 * Mattermost's webhook: a slash command (form, {@code Authorization: Token <token>} and a
 * {@code token} field) or an outgoing webhook (form or JSON, {@code token} field). The
 * token is checked in constant time; the command runs, and its reply is the HTTP response
 * when it is ready within {@code reply-deadline}, else it is posted later.
 */
@RestController
@RequestMapping("/chat/mattermost")
@Conditional(MattermostConfiguration.OnMattermostConfigured.class)
class MattermostController {

	private static final Logger logger = LoggerFactory.getLogger(MattermostController.class);

	private static final String TOKEN_SCHEME = "Token ";

	private final MattermostProperties properties;

	private final ChatCommandRunner runner;

	private final ChatDelivery delivery;

	private final ClaimStore claims;

	private final MattermostClient client;

	private final Executor executor;

	private final JsonMapper jsonMapper;

	private final MeterRegistry meterRegistry;

	private final List<byte[]> tokens;

	MattermostController(MattermostProperties properties, ChatCommandRunner runner, ChatDelivery delivery,
			ClaimStore claims, MattermostClient client, @Qualifier("applicationTaskExecutor") Executor executor,
			JsonMapper jsonMapper, MeterRegistry meterRegistry) {
		this.properties = properties;
		this.runner = runner;
		this.delivery = delivery;
		this.claims = claims;
		this.client = client;
		this.executor = executor;
		this.jsonMapper = jsonMapper;
		this.meterRegistry = meterRegistry;
		this.tokens = properties.token().stream().map((token) -> token.getBytes(StandardCharsets.UTF_8)).toList();
	}

	/**
	 * A slash command or an outgoing webhook.
	 * @param request the request
	 * @return 200 with a Mattermost command or webhook response
	 * @throws IOException when the body cannot be read
	 */
	@PostMapping
	ResponseEntity<Object> webhook(HttpServletRequest request) throws IOException {
		byte[] body = request.getInputStream().readAllBytes();
		String authorization = request.getHeader("Authorization");
		String headerToken = (authorization != null
				&& authorization.regionMatches(true, 0, TOKEN_SCHEME, 0, TOKEN_SCHEME.length()))
						? authorization.substring(TOKEN_SCHEME.length()).strip() : null;
		if (headerToken != null && !known(headerToken)) {
			throw unauthorized(request, "The Mattermost token does not match.");
		}
		Map<String, String> fields = fields(request, body);
		String fieldToken = fields.get("token");
		if (headerToken == null && (fieldToken == null || fieldToken.isEmpty())) {
			throw unauthorized(request, "A Mattermost token is required (Authorization: Token ... or a token field).");
		}
		if (fieldToken != null && !known(fieldToken)) {
			throw unauthorized(request, "The Mattermost token does not match.");
		}
		boolean slashCommand = hasText(fields.get("command"));
		String channelId = required(fields, "channel_id");
		String userId = required(fields, "user_id");
		String userName = (this.properties.userField() == MattermostProperties.UserField.NAME)
				? required(fields, "user_name") : userId;
		String postId = slashCommand ? null : fields.get("post_id");
		String claimKey = slashCommand ? key("command", fields.get("trigger_id")) : key("post", postId);
		if (claimKey != null) {
			try {
				if (!this.claims.claim(claimKey, this.properties.dedupeWindow())) {
					count("duplicate");
					return ResponseEntity.ok(Map.of());
				}
			}
			catch (StateUnavailableException ex) {
				count("unavailable");
				logger.warn("Could not check a Mattermost request for duplicates: {}", ex.getMessage());
				return ResponseEntity.ok(Map.of("response_type", slashCommand ? "ephemeral" : "comment", "text",
						"The gateway cannot check for repeated commands right now (its state store is unreachable), "
								+ "so nothing ran. Please try again in a minute."));
			}
		}
		String text = ChatText.normalize(fields.getOrDefault("text", ""));
		boolean addressed = slashCommand;
		if (!slashCommand) {
			String triggerWord = fields.get("trigger_word");
			if (hasText(triggerWord) && text.startsWith(triggerWord.strip())) {
				// the trigger word addresses the gateway, like a mention
				text = text.substring(triggerWord.strip().length()).strip();
				addressed = true;
			}
		}
		if (addressed && text.isEmpty()) {
			// "/st2" or the trigger word on its own asks what there is
			text = "help";
		}
		ChatAddress address = new ChatAddress(MattermostSender.PLATFORM, fields.get("team_id"), channelId, postId,
				userId, userName, slashCommand ? fields.get("response_url") : null);
		count("accepted");
		Optional<List<ChatReply>> replies = this.runner.runWithin(new ChatCommand(address, text, addressed),
				this.properties.replyDeadline());
		if (replies.isEmpty()) {
			// still running: its replies will be posted
			return ResponseEntity.ok(Map.of());
		}
		return ResponseEntity.ok(answer(replies.get(), slashCommand, postId));
	}

	/**
	 * What to answer when the replies were ready in time: one reply that fits in one post
	 * goes in the response; anything else is posted, in order.
	 */
	private Map<String, Object> answer(List<ChatReply> replies, boolean slashCommand, String postId) {
		if (replies.isEmpty()) {
			return Map.of();
		}
		if (replies.size() == 1) {
			ChatReply reply = replies.get(0);
			List<MattermostMessages.Message> messages = MattermostMessages.of(reply, this.properties.messageLimit());
			if (messages.size() == 1 && slashCommand) {
				return messages.get(0).asResponse(reply.whisper() ? "ephemeral" : "in_channel");
			}
			if (messages.size() == 1 && !reply.whisper() && isThreadRoot(postId)) {
				// "comment" replies to the post; Mattermost refuses that when the post is
				// itself a reply, so those go through the API to the thread's root
				return messages.get(0).asResponse("comment");
			}
		}
		this.executor.execute(() -> replies.forEach(this.delivery::deliver));
		return Map.of();
	}

	private boolean isThreadRoot(String postId) {
		if (postId == null) {
			return false;
		}
		try {
			return postId.equals(this.client.rootOf(postId));
		}
		catch (RuntimeException ex) {
			logger.info("Could not read Mattermost post {} to find its thread: {}", postId, ex.getMessage());
			return true;
		}
	}

	private Map<String, String> fields(HttpServletRequest request, byte[] body) {
		String contentType = request.getContentType();
		MediaType mediaType;
		try {
			mediaType = (contentType != null) ? MediaType.parseMediaType(contentType)
					: MediaType.APPLICATION_FORM_URLENCODED;
		}
		catch (IllegalArgumentException ex) {
			throw invalid("The Content-Type is not valid.");
		}
		if (MediaType.APPLICATION_JSON.isCompatibleWith(mediaType)) {
			return jsonFields(body);
		}
		if (MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(mediaType)) {
			try {
				return FormFields.parse(body);
			}
			catch (IllegalArgumentException ex) {
				throw invalid("The body is not form-encoded.");
			}
		}
		count("invalid");
		throw new GatewayProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
				"This endpoint takes application/x-www-form-urlencoded or application/json.");
	}

	private Map<String, String> jsonFields(byte[] body) {
		JsonNode payload;
		try {
			payload = this.jsonMapper.readTree(body);
		}
		catch (JacksonException ex) {
			throw invalid("The body is not JSON.");
		}
		if (payload == null || !payload.isObject()) {
			throw invalid("The body is not a JSON object.");
		}
		Map<String, String> fields = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> field : payload.properties()) {
			JsonNode value = field.getValue();
			if (value.isString()) {
				fields.put(field.getKey(), value.stringValue());
			}
			else if (value.isNumber() || value.isBoolean()) {
				fields.put(field.getKey(), value.asString());
			}
		}
		return fields;
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

	private GatewayProblemException unauthorized(HttpServletRequest request, String detail) {
		count("unauthorized");
		logger.warn("Refused a request to {} from {}: {}", request.getRequestURI(), request.getRemoteAddr(), detail);
		return new GatewayProblemException(ProblemType.UNAUTHORIZED, detail);
	}

	private String required(Map<String, String> fields, String name) {
		String value = fields.get(name);
		if (!hasText(value)) {
			throw invalid("The Mattermost payload has no '" + name + "'.");
		}
		return value;
	}

	private GatewayProblemException invalid(String detail) {
		count("invalid");
		return new GatewayProblemException(ProblemType.INVALID_REQUEST, detail);
	}

	private static String key(String kind, String id) {
		return hasText(id) ? "mattermost:" + kind + ":" + id : null;
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

	private void count(String outcome) {
		this.meterRegistry.counter("gateway.chat.webhooks", "platform", MattermostSender.PLATFORM, "outcome", outcome)
			.increment();
	}

}
