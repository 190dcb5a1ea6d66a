package io.github.st2chatops.gateway.chat.slack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatDeliveryException;
import io.github.st2chatops.gateway.chat.ChatReply;
import io.github.st2chatops.gateway.chat.ChatSender;
import io.github.st2chatops.gateway.chat.ResponseUrlPolicy;
import io.github.st2chatops.gateway.chat.SentParts;

/**
 * Sends replies and relayed results to Slack. A slash command's {@code response_url} is
 * tried first (it reaches channels the app is not a member of); once it has expired (30
 * minutes, five uses) or when there is none, {@code chat.postMessage} with the bot token,
 * in the command's thread. A whisper is an ephemeral message: through the
 * {@code response_url}, else {@code chat.postEphemeral} to the user. A response_url is
 * only followed to Slack's own hosts ({@link ResponseUrlPolicy}).
 */
class SlackSender implements ChatSender {

	private final SlackClient client;

	private final int messageLimit;

	private final SentParts sentParts;

	private final ResponseUrlPolicy responseUrls;

	SlackSender(SlackClient client, int messageLimit, SentParts sentParts, ResponseUrlPolicy responseUrls) {
		this.client = client;
		this.messageLimit = messageLimit;
		this.sentParts = sentParts;
		this.responseUrls = responseUrls;
	}

	@Override
	public String platform() {
		return SlackConfiguration.PLATFORM;
	}

	@Override
	public Optional<String> responseUrlRefusal(String responseUrl) {
		return this.responseUrls.refusal(responseUrl);
	}

	@Override
	public void send(ChatReply reply) {
		List<Map<String, Object>> messages = SlackMessages.of(reply, this.messageLimit);
		try {
			for (int i = this.sentParts.next(reply); i < messages.size(); i++) {
				sendOne(reply, messages.get(i));
				this.sentParts.sent(reply, i + 1);
			}
			this.sentParts.done(reply);
		}
		catch (SlackApiException ex) {
			if (!ex.retryable()) {
				this.sentParts.done(reply);
			}
			throw new ChatDeliveryException(ex.getMessage(), ex.retryable(), ex.retryAfter(), ex);
		}
	}

	private void sendOne(ChatReply reply, Map<String, Object> message) {
		ChatAddress address = reply.address();
		if (this.responseUrls.shouldTry(address)) {
			Map<String, Object> body = new LinkedHashMap<>(message);
			body.put("response_type", reply.whisper() ? "ephemeral" : "in_channel");
			body.put("replace_original", false);
			if (this.client.respond(address.responseUrl(), body)) {
				return;
			}
			this.responseUrls.unusable(address);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("channel", address.channel());
		if (address.thread() != null) {
			body.put("thread_ts", address.thread());
		}
		body.putAll(message);
		if (reply.whisper() && address.userId() != null) {
			body.put("user", address.userId());
			this.client.call("chat.postEphemeral", body);
			return;
		}
		this.client.call("chat.postMessage", body);
	}

}
