package io.github.st2chatops.gateway.relay;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.st2chatops.gateway.chat.ChatDeliveryException;
import io.github.st2chatops.gateway.chat.ChatReply;
import io.github.st2chatops.gateway.chat.ChatSender;
import io.github.st2chatops.gateway.chat.PostLog;
import tools.jackson.databind.json.JsonMapper;

/**
 * A chat platform for tests, {@code testchat}: posts each message as the gateway's
 * documented generic callback payload {@code {text, channel, thread?, user?, whisper,
 * extra?}} to {@code <url>/messages}, and reports failures the way platform senders do
 * (429 with {@code Retry-After} and 5xx retryable, other 4xx permanent).
 */
record TestChatSender(String url) implements ChatSender {

	static final String PLATFORM = "testchat";

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final JsonMapper JSON_MAPPER = JsonMapper.builder().build();

	@Override
	public String platform() {
		return PLATFORM;
	}

	@Override
	public int messageLimit() {
		return 40_000;
	}

	@Override
	public void send(ChatReply reply, PostLog log) {
		log.postOnce("part:0", Duration.ZERO, (key) -> post(reply));
	}

	private void post(ChatReply reply) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.url + "/messages"))
			.timeout(Duration.ofSeconds(5))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON_MAPPER.writeValueAsString(Message.of(reply))))
			.build();
		HttpResponse<String> response;
		try {
			response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new ChatDeliveryException("testchat unreachable", true, null, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ChatDeliveryException("interrupted", true, null, ex);
		}
		int status = response.statusCode();
		if (status == 429) {
			Duration retryAfter = response.headers()
				.firstValue("Retry-After")
				.map((seconds) -> Duration.ofSeconds(Long.parseLong(seconds)))
				.orElse(null);
			throw new ChatDeliveryException("testchat rate limited", true, retryAfter, null);
		}
		if (status >= 500) {
			throw new ChatDeliveryException("testchat answered " + status, true, null, null);
		}
		if (status >= 400) {
			throw new ChatDeliveryException("testchat refused the message (" + status + ")", false, null, null);
		}
	}

	/**
	 * The generic callback payload: thread and user only when known, extra only when
	 * there is some.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Message(String text, String channel, String thread, String user, boolean whisper,
			@JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> extra) {

		static Message of(ChatReply reply) {
			return new Message(reply.text(), reply.address().channel(), reply.address().thread(),
					reply.address().userName(), reply.whisper(), reply.extra());
		}

	}

}
