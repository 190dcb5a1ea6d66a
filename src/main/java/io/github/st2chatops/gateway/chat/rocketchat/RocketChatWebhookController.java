package io.github.st2chatops.gateway.chat.rocketchat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatCommand;
import io.github.st2chatops.gateway.chat.ChatCommandRunner;
import io.github.st2chatops.gateway.chat.ChatDelivery;
import io.github.st2chatops.gateway.chat.ChatReply;
import io.github.st2chatops.gateway.chat.ChatText;
import io.github.st2chatops.gateway.chat.ConditionalOnChatPlatform;
import io.github.st2chatops.gateway.chat.HmacSha256;
import io.github.st2chatops.gateway.state.ClaimStore;
import io.github.st2chatops.gateway.state.StateUnavailableException;
import io.github.st2chatops.gateway.web.GatewayProblemException;
import io.github.st2chatops.gateway.web.ProblemType;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /chat/rocketchat}: a Rocket.Chat outgoing webhook. The token in the body is
 * compared in constant time, bots are ignored, each {@code message_id} runs once. When
 * the answer is ready within {@code reply-deadline} and fits one message it is the
 * webhook's response, which Rocket.Chat posts in the same room and thread; otherwise the
 * response is empty and the answer goes through the incoming webhook.
 */
@RestController
@ConditionalOnChatPlatform("gateway.chat.rocketchat.token")
class RocketChatWebhookController {

	static final String PLATFORM = "rocketchat";

	/**
	 * How long a message id is remembered: longer than Rocket.Chat's own retries of a
	 * failed outgoing webhook call with its default settings (up to about 17 minutes).
	 */
	static final Duration DEDUPE_WINDOW = Duration.ofHours(1);

	private static final Logger logger = LoggerFactory.getLogger(RocketChatWebhookController.class);

	private final RocketChatProperties properties;

	private final ClaimStore claims;

	private final ChatCommandRunner runner;

	private final ChatDelivery delivery;

	private final Executor executor;

	private final JsonMapper jsonMapper;

	RocketChatWebhookController(RocketChatProperties properties, ClaimStore claims, ChatCommandRunner runner,
			ChatDelivery delivery, @Qualifier("applicationTaskExecutor") Executor executor, JsonMapper jsonMapper) {
		this.properties = properties;
		this.claims = claims;
		this.runner = runner;
		this.delivery = delivery;
		this.executor = executor;
		this.jsonMapper = jsonMapper;
	}

	@PostMapping("/chat/rocketchat")
	ResponseEntity<Map<String, Object>> receive(@RequestBody(required = false) byte[] body) {
		RocketChatOutgoingMessage message = parse(body);
		if (!HmacSha256.secretsEqual(this.properties.token(), message.token())) {
			logger.warn("Refused a Rocket.Chat request: the token is missing or wrong");
			throw new GatewayProblemException(ProblemType.UNAUTHORIZED,
					"The request's token does not match the outgoing webhook's token.");
		}
		if (message.fromBot()) {
			return ResponseEntity.ok(Map.of());
		}
		String problem = message.problem();
		if (problem != null) {
			throw new GatewayProblemException(ProblemType.INVALID_REQUEST, problem);
		}
		String userName = (this.properties.userField() == RocketChatUserField.USER_ID) ? message.userId()
				: message.userName();
		ChatAddress address = new ChatAddress(PLATFORM, null, message.channelId(), blankToNull(message.tmid()),
				message.userId(), userName, null);
		if (!firstDelivery(message.messageId())) {
			logger.info("Rocket.Chat message in room {} was already received; not run again", address.channel());
			return ResponseEntity.ok(Map.of());
		}
		Optional<List<ChatReply>> replies = this.runner.runWithin(command(address, message),
				this.properties.replyDeadline());
		if (replies.isEmpty() || replies.get().isEmpty()) {
			// late replies go out through the incoming webhook; an empty JSON object (not
			// an empty body) keeps Rocket.Chat from treating the call as failed
			return ResponseEntity.ok(Map.of());
		}
		Map<String, Object> inline = inline(address, replies.get());
		if (inline == null) {
			List<ChatReply> later = replies.get();
			this.executor.execute(() -> later.forEach(this.delivery::deliver));
			return ResponseEntity.ok(Map.of());
		}
		return ResponseEntity.ok(inline);
	}

	private static ChatCommand command(ChatAddress address, RocketChatOutgoingMessage message) {
		String text = ChatText.normalize(message.text());
		boolean addressed = false;
		String trigger = message.triggerWord();
		// a trigger word like "@st2" is the bot's mention: drop it, no prefix needed
		if (trigger != null && trigger.startsWith("@") && text.startsWith(trigger)) {
			text = text.substring(trigger.length()).strip();
			addressed = true;
		}
		// direct message rooms have no name: a DM to the bot needs no prefix
		if (message.channelName() == null) {
			addressed = true;
		}
		return new ChatCommand(address, text, addressed);
	}

	/**
	 * The webhook response when the replies fit one public message, else {@code null}.
	 */
	private Map<String, Object> inline(ChatAddress address, List<ChatReply> replies) {
		StringBuilder text = new StringBuilder();
		for (ChatReply reply : replies) {
			if (reply.whisper() || !reply.address().equals(address)) {
				return null;
			}
			if (text.length() > 0) {
				text.append("\n\n");
			}
			text.append(reply.text());
		}
		if (text.length() > this.properties.maxMessageLength()) {
			return null;
		}
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("text", text.toString());
		if (address.thread() != null) {
			response.put("tmid", address.thread());
		}
		return response;
	}

	private RocketChatOutgoingMessage parse(byte[] body) {
		RocketChatOutgoingMessage message;
		try {
			message = (body != null) ? this.jsonMapper.readValue(body, RocketChatOutgoingMessage.class) : null;
		}
		catch (JacksonException ex) {
			message = null;
		}
		if (message == null) {
			throw new GatewayProblemException(ProblemType.INVALID_REQUEST,
					"The body is not a Rocket.Chat outgoing webhook message (JSON).");
		}
		return message;
	}

	private boolean firstDelivery(String messageId) {
		try {
			return this.claims.claim("rocketchat:message:" + messageId, DEDUPE_WINDOW);
		}
		catch (StateUnavailableException ex) {
			HttpHeaders headers = new HttpHeaders();
			headers.set(HttpHeaders.RETRY_AFTER, "5");
			throw new GatewayProblemException(ProblemType.UNAVAILABLE,
					"The gateway cannot tell whether this message was already received; Rocket.Chat may retry.",
					headers);
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
