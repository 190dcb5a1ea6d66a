package io.github.st2chatops.gateway.chat.teams;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import tools.jackson.databind.json.JsonMapper;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatDeliveryException;
import io.github.st2chatops.gateway.chat.ChatReply;
import io.github.st2chatops.gateway.chat.ChatSender;
import io.github.st2chatops.gateway.chat.ChatWebhookClient;
import io.github.st2chatops.gateway.chat.MessageSplitter;
import io.github.st2chatops.gateway.chat.PostLog;

import org.springframework.http.HttpHeaders;

/**
 * Posts replies and results to the Workflows webhook of the reply's channel
 * ({@code gateway.chat.teams.workflow-urls.<channel id>}, else
 * {@code default-workflow-url}) as Adaptive Cards, split to {@code max-message-length}. A
 * channel without a URL is a permanent refusal: Teams offers a webhook no other way to
 * post. A Workflows webhook has no idempotency key: a card whose answer timed out is not
 * sent again (at most once).
 */
class TeamsSender implements ChatSender {

	private final TeamsProperties properties;

	private final ChatWebhookClient client;

	private final JsonMapper jsonMapper;

	TeamsSender(TeamsProperties properties, ChatWebhookClient client, JsonMapper jsonMapper) {
		this.properties = properties;
		this.client = client;
		this.jsonMapper = jsonMapper;
	}

	@Override
	public String platform() {
		return TeamsConfiguration.PLATFORM;
	}

	@Override
	public int messageLimit() {
		return this.properties.maxMessageLength();
	}

	@Override
	public void send(ChatReply reply, PostLog log) {
		ChatAddress address = reply.address();
		URI url = this.properties.workflowUrlFor(address.channel())
			.orElseThrow(
					() -> new ChatDeliveryException(
							"no Workflows webhook is configured for Teams channel " + address.channel()
									+ " (gateway.chat.teams.workflow-urls or default-workflow-url)",
							false, null, null));
		TeamsMessages.Mention mention = mentionFor(reply);
		String text = (mention != null) ? mention.tag() + " " + reply.text() : reply.text();
		List<String> parts = MessageSplitter.split(text, this.properties.maxMessageLength());
		log.postEach(IntStream.range(0, parts.size()).boxed().toList(), Duration.ZERO, (i, key) -> {
			byte[] body = this.jsonMapper
				.writeValueAsBytes(TeamsMessages.card(parts.get(i), (i == 0) ? mention : null));
			this.client.postJson(url, body, HttpHeaders.EMPTY);
		});
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
