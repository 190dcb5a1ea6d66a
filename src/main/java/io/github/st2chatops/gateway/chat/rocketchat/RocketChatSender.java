package io.github.st2chatops.gateway.chat.rocketchat;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatReply;
import io.github.st2chatops.gateway.chat.ChatWebhookClient;
import io.github.st2chatops.gateway.chat.WebhookSender;

/**
 * Posts replies and results through the incoming webhook integration
 * ({@code gateway.chat.rocketchat.webhook-url}) as {@code {text, channel, tmid?}}: the
 * room by id ({@code #<room id>}), the thread by {@code tmid}. A whisper goes to the user
 * as a direct message ({@code @<user id>}). Text over {@code max-message-length} goes as
 * several messages, in order. The webhook has no idempotency key: a message whose answer
 * timed out is not sent again (at most once).
 */
class RocketChatSender extends WebhookSender {

	private final RocketChatProperties properties;

	RocketChatSender(RocketChatProperties properties, ChatWebhookClient client, JsonMapper jsonMapper) {
		super(RocketChatConfiguration.PLATFORM, properties.maxMessageLength(), client, jsonMapper);
		this.properties = properties;
	}

	@Override
	protected URI url(ChatReply reply) {
		return this.properties.webhookUrl();
	}

	@Override
	protected Object message(ChatReply reply, String part, int index) {
		ChatAddress address = reply.address();
		boolean direct = reply.whisper() && address.userId() != null;
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("text", part);
		// Rocket.Chat reads "#<id or name>" as a room and "@<id or username>" as a
		// direct message with that user
		message.put("channel", direct ? "@" + address.userId() : "#" + address.channel());
		if (!direct && address.thread() != null) {
			message.put("tmid", address.thread());
		}
		return message;
	}

}
