package io.github.st2chatops.gateway.chat.rocketchat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatReply;
import io.github.st2chatops.gateway.chat.ChatSender;
import io.github.st2chatops.gateway.chat.ChatWebhookClient;
import io.github.st2chatops.gateway.chat.MessageSplitter;
import io.github.st2chatops.gateway.chat.PostLog;

import org.springframework.http.HttpHeaders;

/**
 * Posts replies and results through the incoming webhook integration
 * ({@code gateway.chat.rocketchat.webhook-url}) as {@code {text, channel, tmid?}}: the
 * room by id ({@code #<room id>}), the thread by {@code tmid}. A whisper goes to the user
 * as a direct message ({@code @<user id>}). Text over {@code max-message-length} goes as
 * several messages, in order. The webhook has no idempotency key: a message whose answer
 * timed out is not sent again (at most once).
 */
class RocketChatSender implements ChatSender {

	private final RocketChatProperties properties;

	private final ChatWebhookClient client;

	private final JsonMapper jsonMapper;

	RocketChatSender(RocketChatProperties properties, ChatWebhookClient client, JsonMapper jsonMapper) {
		this.properties = properties;
		this.client = client;
		this.jsonMapper = jsonMapper;
	}

	@Override
	public String platform() {
		return RocketChatConfiguration.PLATFORM;
	}

	@Override
	public int messageLimit() {
		return this.properties.maxMessageLength();
	}

	@Override
	public void send(ChatReply reply, PostLog log) {
		ChatAddress address = reply.address();
		boolean direct = reply.whisper() && address.userId() != null;
		List<String> parts = MessageSplitter.split(reply.text(), this.properties.maxMessageLength());
		log.postEach(parts, Duration.ZERO, (part, key) -> {
			Map<String, Object> message = new LinkedHashMap<>();
			message.put("text", part);
			// Rocket.Chat reads "#<id or name>" as a room and "@<id or username>" as a
			// direct message with that user
			message.put("channel", direct ? "@" + address.userId() : "#" + address.channel());
			if (!direct && address.thread() != null) {
				message.put("tmid", address.thread());
			}
			this.client.postJson(this.properties.webhookUrl(), this.jsonMapper.writeValueAsBytes(message),
					HttpHeaders.EMPTY);
		});
	}

}
