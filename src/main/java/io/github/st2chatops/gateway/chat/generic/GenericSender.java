package io.github.st2chatops.gateway.chat.generic;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import tools.jackson.databind.json.JsonMapper;

import io.github.st2chatops.gateway.chat.ChatReply;
import io.github.st2chatops.gateway.chat.ChatSender;
import io.github.st2chatops.gateway.chat.ChatWebhookClient;
import io.github.st2chatops.gateway.chat.MessageSplitter;
import io.github.st2chatops.gateway.chat.PostLog;

import org.springframework.http.HttpHeaders;

/**
 * POSTs replies and results to {@code gateway.chat.generic.callback-url} as {@code {text,
 * channel, thread?, user?, whisper, extra?}}, signed like inbound requests. Text over
 * {@code max-message-length} goes out as several callbacks, in order; the first carries
 * {@code extra}. A callback whose answer timed out is not sent again (at most once).
 */
class GenericSender implements ChatSender {

	private final GenericProperties properties;

	private final ChatWebhookClient client;

	private final JsonMapper jsonMapper;

	private final Clock clock;

	GenericSender(GenericProperties properties, ChatWebhookClient client, JsonMapper jsonMapper, Clock clock) {
		this.properties = properties;
		this.client = client;
		this.jsonMapper = jsonMapper;
		this.clock = clock;
	}

	@Override
	public String platform() {
		return GenericConfiguration.PLATFORM;
	}

	@Override
	public int messageLimit() {
		return this.properties.maxMessageLength();
	}

	@Override
	public void send(ChatReply reply, PostLog log) {
		List<String> parts = MessageSplitter.split(reply.text(), this.properties.maxMessageLength());
		log.postEach(IntStream.range(0, parts.size()).boxed().toList(), Duration.ZERO, (i, key) -> {
			byte[] body = this.jsonMapper.writeValueAsBytes(payload(reply, parts.get(i), i == 0));
			String timestamp = Long.toString(this.clock.instant().getEpochSecond());
			HttpHeaders headers = new HttpHeaders();
			headers.set(GenericSignature.TIMESTAMP_HEADER, timestamp);
			headers.set(GenericSignature.SIGNATURE_HEADER,
					GenericSignature.sign(this.properties.secret(), timestamp, body));
			this.client.postJson(callbackUrl(), body, headers);
		});
	}

	private URI callbackUrl() {
		return this.properties.callbackUrl();
	}

	private static Map<String, Object> payload(ChatReply reply, String text, boolean first) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("text", text);
		payload.put("channel", reply.address().channel());
		if (reply.address().thread() != null) {
			payload.put("thread", reply.address().thread());
		}
		if (reply.address().userName() != null) {
			payload.put("user", reply.address().userName());
		}
		payload.put("whisper", reply.whisper());
		if (first && !reply.extra().isEmpty()) {
			payload.put("extra", reply.extra());
		}
		return payload;
	}

}
