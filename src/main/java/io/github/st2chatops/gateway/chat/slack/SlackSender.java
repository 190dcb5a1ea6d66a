package io.github.st2chatops.gateway.chat.slack;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatApiException;
import io.github.st2chatops.gateway.chat.ChatDeliveryException;
import io.github.st2chatops.gateway.chat.ChatFile;
import io.github.st2chatops.gateway.chat.ChatFileSender;
import io.github.st2chatops.gateway.chat.ChatReply;
import io.github.st2chatops.gateway.chat.PlatformSender;
import io.github.st2chatops.gateway.chat.PostLog;
import io.github.st2chatops.gateway.chat.ResponseUrlPolicy;

/**
 * Sends replies and relayed results to Slack. A slash command's {@code response_url} is
 * tried first (it reaches channels the app is not a member of); once it has expired (30
 * minutes, five uses) or when there is none, {@code chat.postMessage} with the bot token,
 * in the command's thread. A whisper is an ephemeral message: through the
 * {@code response_url}, else {@code chat.postEphemeral} to the user. A response_url is
 * only followed to Slack's own hosts ({@link ResponseUrlPolicy}).
 * <p>
 * Slack has no idempotency key for posts: a post whose answer timed out is not sent again
 * (at most once). A long result goes as a file through Slack's external upload flow
 * ({@code files.getUploadURLExternal}, the bytes to the URL it gives,
 * {@code files.completeUploadExternal} into the channel and thread); only the last call
 * shows anything.
 */
class SlackSender extends PlatformSender implements ChatFileSender {

	private final SlackClient client;

	SlackSender(SlackClient client, int messageLimit, ResponseUrlPolicy responseUrls) {
		super(SlackConfiguration.PLATFORM, messageLimit, responseUrls);
		this.client = client;
	}

	@Override
	public void send(ChatReply reply, PostLog log) {
		List<Map<String, Object>> messages = SlackMessages.of(reply, messageLimit());
		log.postEach(messages, Duration.ZERO,
				(message, key) -> ChatApiException.posting(() -> sendOne(reply, message)));
	}

	@Override
	public void sendFile(ChatReply reply, ChatFile file, PostLog log) {
		ChatAddress address = reply.address();
		log.postOnce(ChatFile.STEP, Duration.ZERO, (key) -> {
			byte[] bytes = file.bytes();
			String fileId;
			try {
				JsonNode upload = this.client.callForm("files.getUploadURLExternal",
						Map.of("filename", file.name(), "length", Integer.toString(bytes.length)));
				fileId = upload.path("file_id").asString("");
				String uploadUrl = upload.path("upload_url").asString("");
				if (fileId.isEmpty() || !uploadUrl.startsWith("https://") && !uploadUrl.startsWith("http://")) {
					throw new ChatDeliveryException(
							"Slack answered files.getUploadURLExternal without a file id or upload URL", false, null,
							null);
				}
				this.client.upload(URI.create(uploadUrl), bytes);
			}
			catch (SlackApiException ex) {
				// nothing is shared before files.completeUploadExternal
				throw ex.toSilentDelivery();
			}
			Map<String, Object> complete = new LinkedHashMap<>();
			complete.put("files", List.of(Map.of("id", fileId, "title", file.name())));
			complete.put("channel_id", address.channel());
			if (address.thread() != null) {
				complete.put("thread_ts", address.thread());
			}
			complete.put("initial_comment", SlackText.escape(file.comment()));
			ChatApiException.posting(() -> this.client.call("files.completeUploadExternal", complete));
		});
	}

	private void sendOne(ChatReply reply, Map<String, Object> message) {
		ChatAddress address = reply.address();
		if (responseUrls().shouldTry(address)) {
			Map<String, Object> body = new LinkedHashMap<>(message);
			body.put("response_type", reply.whisper() ? "ephemeral" : "in_channel");
			body.put("replace_original", false);
			if (this.client.respond(address.responseUrl(), body)) {
				return;
			}
			responseUrls().unusable(address);
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
