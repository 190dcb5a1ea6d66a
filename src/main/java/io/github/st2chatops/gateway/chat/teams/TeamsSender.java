package io.github.st2chatops.gateway.chat.teams;

import java.net.URI;

import tools.jackson.databind.json.JsonMapper;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatDeliveryException;
import io.github.st2chatops.gateway.chat.ChatReply;
import io.github.st2chatops.gateway.chat.ChatWebhookClient;
import io.github.st2chatops.gateway.chat.WebhookSender;

/**
 * Posts replies and results to the Workflows webhook of the reply's channel
 * ({@code gateway.chat.teams.workflow-urls.<channel id>}, else
 * {@code default-workflow-url}) as Adaptive Cards, split to {@code max-message-length}. A
 * channel without a URL is a permanent refusal: Teams offers a webhook no other way to
 * post. A Workflows webhook has no idempotency key: a card whose answer timed out is not
 * sent again (at most once).
 */
class TeamsSender extends WebhookSender {

	private final TeamsProperties properties;

	TeamsSender(TeamsProperties properties, ChatWebhookClient client, JsonMapper jsonMapper) {
		super(TeamsConfiguration.PLATFORM, properties.maxMessageLength(), client, jsonMapper);
		this.properties = properties;
	}

	@Override
	protected URI url(ChatReply reply) {
		String channel = reply.address().channel();
		return this.properties.workflowUrlFor(channel)
			.orElseThrow(
					() -> new ChatDeliveryException(
							"no Workflows webhook is configured for Teams channel " + channel
									+ " (gateway.chat.teams.workflow-urls or default-workflow-url)",
							false, null, null));
	}

	@Override
	protected String text(ChatReply reply) {
		TeamsMessages.Mention mention = mentionFor(reply);
		return (mention != null) ? mention.tag() + " " + reply.text() : reply.text();
	}

	@Override
	protected Object message(ChatReply reply, String part, int index) {
		return TeamsMessages.card(part, (index == 0) ? mentionFor(reply) : null);
	}

	private static TeamsMessages.Mention mentionFor(ChatReply reply) {
		ChatAddress address = reply.address();
		if (!reply.whisper() || address.userId() == null) {
			return null;
		}
		String label = (address.userName() != null) ? address.userName() : address.userId();
		return new TeamsMessages.Mention(label, address.userId());
	}

}
