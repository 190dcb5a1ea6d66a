package io.github.st2chatops.gateway.chat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;

/**
 * A sender for a platform that takes each message as one JSON POST to a webhook URL
 * (Rocket.Chat's incoming webhook, a Teams Workflows webhook, the generic callback): the
 * text is split to the message limit and each part is posted in order through the
 * delivery's {@link PostLog}. A webhook has no idempotency key, so a part whose answer
 * timed out is not sent again (at most once). A platform says where a reply goes, what
 * one part's JSON is, and, if it signs its posts, which headers go with it.
 */
public abstract class WebhookSender extends PlatformSender {

	private final ChatWebhookClient client;

	private final JsonMapper jsonMapper;

	/**
	 * A sender posting through a webhook client.
	 * @param platform the platform id
	 * @param messageLimit the longest text of one message
	 * @param client the webhook client
	 * @param jsonMapper writes each part's JSON
	 */
	protected WebhookSender(String platform, int messageLimit, ChatWebhookClient client, JsonMapper jsonMapper) {
		super(platform, messageLimit);
		this.client = client;
		this.jsonMapper = jsonMapper;
	}

	@Override
	public final void send(ChatReply reply, PostLog log) {
		URI url = url(reply);
		List<String> parts = MessageSplitter.split(text(reply), messageLimit());
		log.postEach(IntStream.range(0, parts.size()).boxed().toList(), Duration.ZERO, (index, key) -> {
			byte[] body = this.jsonMapper.writeValueAsBytes(message(reply, parts.get(index), index));
			this.client.postJson(url, body, headers(body));
		});
	}

	/**
	 * The webhook URL a reply goes to.
	 * @param reply the reply
	 * @return the URL
	 * @throws ChatDeliveryException when the reply cannot go anywhere
	 */
	protected abstract URI url(ChatReply reply);

	/**
	 * The text to split into parts; the reply's own text unless a platform adds to it.
	 * @param reply the reply
	 * @return the text
	 */
	protected String text(ChatReply reply) {
		return reply.text();
	}

	/**
	 * One part's message, written as JSON.
	 * @param reply the reply
	 * @param part the part's text
	 * @param index the part's place, 0 for the first
	 * @return the message
	 */
	protected abstract Object message(ChatReply reply, String part, int index);

	/**
	 * Headers for one post, for example a signature of its body; none by default.
	 * @param body the JSON body
	 * @return the headers
	 */
	protected HttpHeaders headers(byte[] body) {
		return HttpHeaders.EMPTY;
	}

}
