package io.github.st2chatops.gateway.chat.teams;

import java.time.Duration;

import tools.jackson.databind.json.JsonMapper;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatCommand;
import io.github.st2chatops.gateway.chat.ChatInboundParser;
import io.github.st2chatops.gateway.chat.ChatRequest;
import io.github.st2chatops.gateway.chat.InboundCommand;
import io.github.st2chatops.gateway.chat.JsonBodies;

/**
 * Reads a verified Teams outgoing webhook activity. Activities other than messages are
 * ignored; a message is claimed on its conversation and activity id.
 *
 * @param properties the Teams settings
 * @param jsonMapper reads the activity
 */
record TeamsInboundParser(TeamsProperties properties,
		JsonMapper jsonMapper) implements ChatInboundParser<TeamsActivity> {

	/**
	 * How long an activity id is remembered. Teams does not document retries of outgoing
	 * webhooks; an hour covers any replay of a captured request that a proxy or a person
	 * might attempt soon after.
	 */
	static final Duration DEDUPE_WINDOW = Duration.ofHours(1);

	private static final String NOT_AN_ACTIVITY = "The body is not a Teams activity (JSON).";

	@Override
	public Parsed<TeamsActivity> parse(ChatRequest request) {
		TeamsActivity activity = JsonBodies.readOrNull(this.jsonMapper, request.body(), TeamsActivity.class);
		if (activity == null) {
			return Parsed.invalid(NOT_AN_ACTIVITY);
		}
		if (!"message".equals(activity.type())) {
			return Parsed.ignored();
		}
		String problem = problem(activity);
		if (problem != null) {
			return Parsed.invalid(problem);
		}
		// an outgoing webhook is only ever called by mentioning it
		ChatCommand command = new ChatCommand(addressOf(activity),
				TeamsText.clean(activity.text(), activity.botMentions()), true);
		// activity ids are only unique within a conversation
		return Parsed.command(InboundCommand.of(activity, command, DEDUPE_WINDOW,
				"teams:activity:" + activity.conversation().id() + ":" + activity.id()));
	}

	private String problem(TeamsActivity activity) {
		if (isBlank(activity.id())) {
			return "The activity has no 'id'.";
		}
		if (activity.from() == null || isBlank(activity.from().id())) {
			return "The activity has no 'from.id'.";
		}
		if (activity.conversation() == null || isBlank(activity.conversation().id())) {
			return "The activity has no 'conversation.id'.";
		}
		if (activity.text() == null) {
			return "The activity has no 'text'.";
		}
		if (this.properties.userField() == TeamsUserField.AAD_OBJECT_ID && isBlank(activity.from().aadObjectId())) {
			return "The activity has no 'from.aadObjectId', which gateway.chat.teams.user-field=aad-object-id needs.";
		}
		return null;
	}

	private ChatAddress addressOf(TeamsActivity activity) {
		TeamsActivity.Account from = activity.from();
		String userId = isBlank(from.aadObjectId()) ? from.id() : from.aadObjectId();
		String userName = (this.properties.userField() == TeamsUserField.ID) ? from.id() : from.aadObjectId();
		return new ChatAddress(TeamsConfiguration.PLATFORM, activity.tenantId(), activity.channelId(),
				activity.threadId(), userId, userName, null);
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
