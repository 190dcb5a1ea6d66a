package io.github.st2chatops.gateway.chat.teams;

import java.time.Duration;
import java.util.ArrayList;
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
import io.github.st2chatops.gateway.chat.ConditionalOnChatPlatform;
import io.github.st2chatops.gateway.chat.MessageSplitter;
import io.github.st2chatops.gateway.state.ClaimStore;
import io.github.st2chatops.gateway.state.StateUnavailableException;
import io.github.st2chatops.gateway.web.GatewayProblemException;
import io.github.st2chatops.gateway.web.ProblemType;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /chat/teams}: a Teams outgoing webhook. Verified on the raw bytes, deduped
 * on the activity id (Teams signs no timestamp), answered inline within Teams' five
 * seconds; what is later goes out through the channel's Workflows webhook.
 */
@RestController
@ConditionalOnChatPlatform("gateway.chat.teams.security-token")
class TeamsWebhookController {

	static final String PLATFORM = "teams";

	/**
	 * How long an activity id is remembered. Teams does not document retries of outgoing
	 * webhooks; an hour covers any replay of a captured request that a proxy or a person
	 * might attempt soon after.
	 */
	static final Duration DEDUPE_WINDOW = Duration.ofHours(1);

	static final String DUPLICATE = "That message was already received; it is not run again.";

	static final String WORKING = "Working on it\u2026 the answer will be posted in this channel.";

	static final String WORKING_NOT_RELAYED = "Working on it\u2026 but no Workflows webhook is set up for this "
			+ "channel, so the answer will not be posted here.";

	static final String NOT_RELAYED = "_Results are not posted in this channel: no Workflows webhook is set up for it._";

	private static final Logger logger = LoggerFactory.getLogger(TeamsWebhookController.class);

	private final TeamsRequestVerifier verifier;

	private final TeamsProperties properties;

	private final ClaimStore claims;

	private final ChatCommandRunner runner;

	private final ChatDelivery delivery;

	private final Executor executor;

	private final JsonMapper jsonMapper;

	TeamsWebhookController(TeamsRequestVerifier verifier, TeamsProperties properties, ClaimStore claims,
			ChatCommandRunner runner, ChatDelivery delivery, @Qualifier("applicationTaskExecutor") Executor executor,
			JsonMapper jsonMapper) {
		this.verifier = verifier;
		this.properties = properties;
		this.claims = claims;
		this.runner = runner;
		this.delivery = delivery;
		this.executor = executor;
		this.jsonMapper = jsonMapper;
	}

	@PostMapping("/chat/teams")
	ResponseEntity<Map<String, Object>> receive(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestBody(required = false) byte[] body) {
		byte[] raw = (body != null) ? body : new byte[0];
		this.verifier.verify(authorization, raw);
		TeamsActivity activity = parse(raw);
		if (!"message".equals(activity.type())) {
			logger.debug("Ignoring a Teams activity of type {}", activity.type());
			return ResponseEntity.ok(Map.of());
		}
		ChatAddress address = addressOf(activity);
		if (!firstDelivery(activity.id())) {
			logger.info("Teams activity in channel {} was already received; not run again", address.channel());
			return ResponseEntity.ok(TeamsMessages.inline(DUPLICATE, null));
		}
		// an outgoing webhook is only ever called by mentioning it
		ChatCommand command = new ChatCommand(address, TeamsText.clean(activity.text()), true);
		Optional<List<ChatReply>> replies = this.runner.runWithin(command, this.properties.replyDeadline());
		boolean relayed = this.properties.workflowUrlFor(address.channel()).isPresent();
		if (!relayed) {
			// the operator needs the channel id to set the URL, and Teams shows it
			// nowhere else
			logger.info("Teams channel {} has no Workflows webhook; set gateway.chat.teams.workflow-urls[{}] "
					+ "or default-workflow-url to post results there", address.channel(), address.channel());
		}
		if (replies.isEmpty()) {
			return ResponseEntity.ok(TeamsMessages.inline(relayed ? WORKING : WORKING_NOT_RELAYED, null));
		}
		if (replies.get().isEmpty()) {
			return ResponseEntity.ok().build();
		}
		return ResponseEntity.ok(inline(activity, replies.get(), relayed));
	}

	/**
	 * One inline message out of the (non-empty) replies: Teams shows one answer per
	 * request. What does not fit goes after it through the Workflows webhook.
	 */
	private Map<String, Object> inline(TeamsActivity activity, List<ChatReply> replies, boolean relayed) {
		TeamsMessages.Mention mention = null;
		List<String> texts = new ArrayList<>();
		for (ChatReply reply : replies) {
			if (reply.whisper() && mention == null) {
				mention = new TeamsMessages.Mention(
						(activity.from().name() != null) ? activity.from().name() : activity.from().id(),
						activity.from().id());
			}
			texts.add(reply.whisper() ? mention.tag() + " " + reply.text() : reply.text());
		}
		String note = relayed ? "" : "\n\n" + NOT_RELAYED;
		List<String> parts = MessageSplitter.split(String.join("\n\n", texts),
				this.properties.maxMessageLength() - note.length());
		if (parts.size() > 1) {
			ChatAddress address = replies.get(0).address();
			List<String> rest = parts.subList(1, parts.size());
			this.executor.execute(() -> rest.forEach((part) -> this.delivery.deliver(ChatReply.of(address, part))));
		}
		return TeamsMessages.inline(parts.get(0) + note, mention);
	}

	private TeamsActivity parse(byte[] body) {
		TeamsActivity activity;
		try {
			activity = this.jsonMapper.readValue(body, TeamsActivity.class);
		}
		catch (JacksonException ex) {
			throw invalid("The body is not a Teams activity (JSON).");
		}
		if (activity == null) {
			throw invalid("The body is not a Teams activity (JSON).");
		}
		if (!"message".equals(activity.type())) {
			return activity;
		}
		if (isBlank(activity.id())) {
			throw invalid("The activity has no 'id'.");
		}
		if (activity.from() == null || isBlank(activity.from().id())) {
			throw invalid("The activity has no 'from.id'.");
		}
		if (activity.conversation() == null || isBlank(activity.conversation().id())) {
			throw invalid("The activity has no 'conversation.id'.");
		}
		if (activity.text() == null) {
			throw invalid("The activity has no 'text'.");
		}
		if (this.properties.userField() == TeamsUserField.AAD_OBJECT_ID && isBlank(activity.from().aadObjectId())) {
			throw invalid("The activity has no 'from.aadObjectId', which gateway.chat.teams.user-field=aad-object-id "
					+ "needs.");
		}
		return activity;
	}

	private ChatAddress addressOf(TeamsActivity activity) {
		TeamsActivity.Account from = activity.from();
		String userId = isBlank(from.aadObjectId()) ? from.id() : from.aadObjectId();
		String userName = (this.properties.userField() == TeamsUserField.ID) ? from.id() : from.aadObjectId();
		return new ChatAddress(PLATFORM, activity.tenantId(), activity.channelId(), activity.threadId(), userId,
				userName, null);
	}

	private boolean firstDelivery(String activityId) {
		try {
			return this.claims.claim("teams:activity:" + activityId, DEDUPE_WINDOW);
		}
		catch (StateUnavailableException ex) {
			HttpHeaders headers = new HttpHeaders();
			headers.set(HttpHeaders.RETRY_AFTER, "5");
			throw new GatewayProblemException(ProblemType.UNAVAILABLE,
					"The gateway cannot tell whether this message was already received; send it again shortly.",
					headers);
		}
	}

	private static GatewayProblemException invalid(String detail) {
		return new GatewayProblemException(ProblemType.INVALID_REQUEST, detail);
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
