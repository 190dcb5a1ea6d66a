package io.github.st2chatops.gateway.chat.slack;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
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
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatCommand;
import io.github.st2chatops.gateway.chat.ChatCommandRunner;
import io.github.st2chatops.gateway.chat.ChatDelivery;
import io.github.st2chatops.gateway.chat.ChatReply;
import io.github.st2chatops.gateway.chat.FormFields;
import io.github.st2chatops.gateway.chat.slack.SlackRequestVerifier.SlackRequestRejectedException;
import io.github.st2chatops.gateway.state.ClaimStore;
import io.github.st2chatops.gateway.state.StateUnavailableException;
import io.github.st2chatops.gateway.web.GatewayProblemException;
import io.github.st2chatops.gateway.web.ProblemType;

/**
 * Slack's webhooks: slash commands and the Events API. Each request is verified on its
 * raw bytes before anything is parsed, answered at once (Slack waits three seconds), and
 * its command runs in the background; replies go out through {@link SlackSender}.
 */
@RestController
@RequestMapping("/chat/slack")
@Conditional(SlackConfiguration.OnSlackConfigured.class)
class SlackController {

	private static final Logger logger = LoggerFactory.getLogger(SlackController.class);

	/** Claims on slash commands only need to outlive the signature's timestamp window. */
	private static final Duration COMMAND_CLAIM = Duration.ofMinutes(15);

	/** Message subtypes that are still a person typing a line. */
	private static final Set<String> USER_SUBTYPES = Set.of("thread_broadcast", "file_share");

	private final SlackRequestVerifier verifier;

	private final SlackProperties properties;

	private final ChatCommandRunner runner;

	private final ClaimStore claims;

	private final SlackUserNames userNames;

	private final ChatDelivery delivery;

	private final Executor executor;

	private final JsonMapper jsonMapper;

	private final MeterRegistry meterRegistry;

	SlackController(SlackRequestVerifier verifier, SlackProperties properties, ChatCommandRunner runner,
			ClaimStore claims, SlackUserNames userNames, ChatDelivery delivery,
			@Qualifier("applicationTaskExecutor") Executor executor, JsonMapper jsonMapper,
			MeterRegistry meterRegistry) {
		this.verifier = verifier;
		this.properties = properties;
		this.runner = runner;
		this.claims = claims;
		this.userNames = userNames;
		this.delivery = delivery;
		this.executor = executor;
		this.jsonMapper = jsonMapper;
		this.meterRegistry = meterRegistry;
	}

	/**
	 * A slash command ({@code /st2 pack get st2}). Answered with an empty
	 * {@code in_channel} response, so the command shows in the channel; the replies
	 * follow through the command's {@code response_url}.
	 * @param request the request
	 * @return 200
	 * @throws IOException when the body cannot be read
	 */
	@PostMapping("/commands")
	ResponseEntity<Object> command(HttpServletRequest request) throws IOException {
		byte[] body = verified(request);
		Map<String, String> form;
		try {
			form = FormFields.parse(body);
		}
		catch (IllegalArgumentException ex) {
			throw invalid("The slash command body is not form-encoded.");
		}
		if ("1".equals(form.get("ssl_check"))) {
			// Slack checking the certificate of a command's HTTPS URL: nothing to run
			count("verification");
			return ResponseEntity.ok().build();
		}
		String teamId = required(form, "team_id");
		String channelId = required(form, "channel_id");
		String userId = required(form, "user_id");
		String responseUrl = required(form, "response_url");
		String userName = (this.properties.userField() == SlackProperties.UserField.NAME) ? required(form, "user_name")
				: userId;
		String triggerId = form.get("trigger_id");
		if (triggerId != null && !triggerId.isBlank()) {
			try {
				if (!this.claims.claim("slack:command:" + triggerId, COMMAND_CLAIM)) {
					count("duplicate");
					return ResponseEntity.ok().build();
				}
			}
			catch (StateUnavailableException ex) {
				count("unavailable");
				logger.warn("Could not check a Slack slash command for duplicates: {}", ex.getMessage());
				return ResponseEntity.ok(Map.of("response_type", "ephemeral", "text",
						"The gateway cannot check for repeated commands right now (its state store is unreachable), "
								+ "so nothing ran. Please try again in a minute."));
			}
		}
		String text = SlackText.clean(form.get("text"), Set.of(), false);
		ChatAddress address = new ChatAddress(SlackSender.PLATFORM, teamId, channelId, null, userId, userName,
				responseUrl);
		// "/st2" on its own asks what there is
		this.runner.runInBackground(new ChatCommand(address, text.isEmpty() ? "help" : text, true));
		count("accepted");
		return ResponseEntity.ok(Map.of("response_type", "in_channel"));
	}

	/**
	 * An Events API request: the URL verification handshake, or an {@code app_mention} or
	 * {@code message} event. Answered with 200 at once; a retried or repeated event runs
	 * nothing.
	 * @param request the request
	 * @return 200, with the challenge for {@code url_verification}
	 * @throws IOException when the body cannot be read
	 */
	@PostMapping("/events")
	ResponseEntity<Object> event(HttpServletRequest request) throws IOException {
		byte[] body = verified(request);
		JsonNode payload;
		try {
			payload = this.jsonMapper.readTree(body);
		}
		catch (JacksonException ex) {
			throw invalid("The event body is not JSON.");
		}
		if (payload == null || !payload.isObject()) {
			throw invalid("The event body is not a JSON object.");
		}
		String type = text(payload, "type");
		if ("url_verification".equals(type)) {
			String challenge = text(payload, "challenge");
			if (challenge == null) {
				throw invalid("A url_verification request needs a 'challenge'.");
			}
			count("verification");
			return ResponseEntity.ok(Map.of("challenge", challenge));
		}
		if (!"event_callback".equals(type)) {
			count("ignored");
			return ResponseEntity.ok().build();
		}
		return onEvent(payload, request.getHeader("X-Slack-Retry-Num"), request.getHeader("X-Slack-Retry-Reason"));
	}

	private ResponseEntity<Object> onEvent(JsonNode payload, String retryNum, String retryReason) {
		String eventId = text(payload, "event_id");
		JsonNode event = payload.get("event");
		if (eventId == null || event == null || !event.isObject()) {
			throw invalid("An event_callback needs an 'event_id' and an 'event' object.");
		}
		if (retryNum != null) {
			logger.info("Slack retried event {} (try {}, {})", eventId, retryNum, retryReason);
		}
		String eventType = text(event, "type");
		boolean appMention = "app_mention".equals(eventType);
		Set<String> botUserIds = botUserIds(payload);
		String channel = text(event, "channel");
		String user = text(event, "user");
		String ts = text(event, "ts");
		String eventText = text(event, "text");
		if (!(appMention || "message".equals(eventType)) || channel == null || ts == null
				|| fromBotOrNotTyped(event, user, botUserIds)
				|| (!appMention && botUserIds.isEmpty() && eventText != null && eventText.contains("<@"))) {
			// a message that mentions someone while the app's own id is unknown is left
			// to its app_mention event, which cannot be mistaken
			count("ignored");
			return ResponseEntity.ok().build();
		}
		if (!claimed("slack:event:" + eventId, null)
				|| !claimed("slack:message:" + channel + ":" + ts, "slack:event:" + eventId)) {
			count("duplicate");
			return ResponseEntity.ok().build();
		}
		boolean direct = "im".equals(text(event, "channel_type"));
		boolean addressed = appMention || direct || SlackText.mentions(eventText, botUserIds);
		String threadTs = text(event, "thread_ts");
		// replies go in the message's thread; a top-level DM is answered at the top level
		String thread = (threadTs != null) ? threadTs : (direct ? null : ts);
		String workspace = (text(payload, "team_id") != null) ? text(payload, "team_id") : text(event, "team");
		String cleaned = SlackText.clean(eventText, botUserIds, appMention);
		// "@st2" on its own asks what there is
		String line = (addressed && cleaned.isEmpty()) ? "help" : cleaned;
		count("accepted");
		if (this.properties.userField() == SlackProperties.UserField.ID) {
			this.runner.runInBackground(
					new ChatCommand(new ChatAddress(SlackSender.PLATFORM, workspace, channel, thread, user, user, null),
							line, addressed));
		}
		else {
			this.executor.execute(() -> runWithUserName(workspace, channel, thread, user, line, addressed));
		}
		return ResponseEntity.ok().build();
	}

	private void runWithUserName(String workspace, String channel, String thread, String user, String line,
			boolean addressed) {
		String name;
		try {
			name = this.userNames.nameOf(user);
		}
		catch (SlackApiException ex) {
			logger.warn("Could not read the Slack name of user {}: {}", user, ex.getMessage());
			ChatAddress address = new ChatAddress(SlackSender.PLATFORM, workspace, channel, thread, user, user, null);
			if (addressed) {
				this.delivery.deliver(new ChatReply(address,
						"I could not look up your Slack user name, so nothing ran. The gateway's log says why "
								+ "(its Slack app may lack the users:read scope).",
						Map.of(), true));
			}
			return;
		}
		this.runner.runInBackground(new ChatCommand(
				new ChatAddress(SlackSender.PLATFORM, workspace, channel, thread, user, name, null), line, addressed));
	}

	private boolean claimed(String key, String releaseOnFailure) {
		try {
			return this.claims.claim(key, this.properties.dedupeWindow());
		}
		catch (StateUnavailableException ex) {
			if (releaseOnFailure != null) {
				this.claims.release(releaseOnFailure);
			}
			count("unavailable");
			logger.warn("Could not check a Slack event for duplicates; Slack will retry it: {}", ex.getMessage());
			HttpHeaders headers = new HttpHeaders();
			headers.set(HttpHeaders.RETRY_AFTER, "60");
			throw new GatewayProblemException(ProblemType.UNAVAILABLE,
					"The gateway cannot check for repeated events right now; retry later.", headers);
		}
	}

	private static boolean fromBotOrNotTyped(JsonNode event, String user, Set<String> botUserIds) {
		String subtype = text(event, "subtype");
		return event.hasNonNull("bot_id") || event.path("hidden").asBoolean(false) || user == null
				|| botUserIds.contains(user) || (subtype != null && !USER_SUBTYPES.contains(subtype));
	}

	/** The app's own users, from the event's {@code authorizations}. */
	private static Set<String> botUserIds(JsonNode payload) {
		Set<String> ids = new LinkedHashSet<>();
		for (JsonNode authorization : payload.path("authorizations")) {
			String userId = text(authorization, "user_id");
			if (userId != null && authorization.path("is_bot").asBoolean(false)) {
				ids.add(userId);
			}
		}
		return ids;
	}

	private byte[] verified(HttpServletRequest request) throws IOException {
		// read the bytes Slack signed; @RequestBody would rebuild a form body from
		// parameters
		byte[] body = request.getInputStream().readAllBytes();
		try {
			this.verifier.verify(request.getHeader("X-Slack-Request-Timestamp"), request.getHeader("X-Slack-Signature"),
					body);
		}
		catch (SlackRequestRejectedException ex) {
			count("unauthorized");
			logger.warn("Refused a request to {} from {}: {}", request.getRequestURI(), request.getRemoteAddr(),
					ex.getMessage());
			throw new GatewayProblemException(ProblemType.UNAUTHORIZED, ex.getMessage());
		}
		return body;
	}

	private String required(Map<String, String> form, String field) {
		String value = form.get(field);
		if (value == null || value.isBlank()) {
			throw invalid("The slash command payload has no '" + field + "'.");
		}
		return value;
	}

	private GatewayProblemException invalid(String detail) {
		count("invalid");
		return new GatewayProblemException(ProblemType.INVALID_REQUEST, detail);
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString() && !value.stringValue().isEmpty()) ? value.stringValue() : null;
	}

	private void count(String outcome) {
		this.meterRegistry.counter("gateway.chat.webhooks", "platform", SlackSender.PLATFORM, "outcome", outcome)
			.increment();
	}

}
