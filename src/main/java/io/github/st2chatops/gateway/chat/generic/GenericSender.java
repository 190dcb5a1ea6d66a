package io.github.st2chatops.gateway.chat.generic;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import io.github.st2chatops.gateway.chat.ChatReply;
import io.github.st2chatops.gateway.chat.ChatWebhookClient;
import io.github.st2chatops.gateway.chat.WebhookSender;

import org.springframework.http.HttpHeaders;

/**
 * POSTs replies and results to {@code gateway.chat.generic.callback-url} as {@code {text,
 * channel, thread?, user?, whisper, extra?}}, signed like inbound requests. Text over
 * {@code max-message-length} goes out as several callbacks, in order; the first carries
 * {@code extra}. A callback whose answer timed out is not sent again (at most once).
 */
class GenericSender extends WebhookSender {

	private final GenericProperties properties;

	private final Clock clock;

	GenericSender(GenericProperties properties, ChatWebhookClient client, JsonMapper jsonMapper, Clock clock) {
		super(GenericConfiguration.PLATFORM, properties.maxMessageLength(), client, jsonMapper);
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	protected URI url(ChatReply reply) {
		return this.properties.callbackUrl();
	}

	@Override
	protected Object message(ChatReply reply, String part, int index) {
		return payload(reply, part, index == 0);
	}

	@Override
	protected HttpHeaders headers(byte[] body) {
		String timestamp = Long.toString(this.clock.instant().getEpochSecond());
		HttpHeaders headers = new HttpHeaders();
		headers.set(GenericSignature.TIMESTAMP_HEADER, timestamp);
		headers.set(GenericSignature.SIGNATURE_HEADER,
				GenericSignature.sign(this.properties.secret(), timestamp, body));
		return headers;
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
