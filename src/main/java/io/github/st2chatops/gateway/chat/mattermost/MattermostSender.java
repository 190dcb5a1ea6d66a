package io.github.st2chatops.gateway.chat.mattermost;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatApiException;
import io.github.st2chatops.gateway.chat.ChatFile;
import io.github.st2chatops.gateway.chat.ChatFileSender;
import io.github.st2chatops.gateway.chat.ChatReply;
import io.github.st2chatops.gateway.chat.PlatformSender;
import io.github.st2chatops.gateway.chat.PostLog;
import io.github.st2chatops.gateway.chat.ResponseUrlPolicy;

/**
 * Sends replies and relayed results to Mattermost. A slash command's {@code response_url}
 * is tried first (its posts land where the command was typed); once it no longer works,
 * or when there is none, {@code POST /api/v4/posts} with the bot token, in the thread of
 * the post that ran the command. A whisper is an ephemeral post; when the bot may not
 * create those, it goes to the channel with a mention of the user. A response_url is only
 * followed to the Mattermost server's hosts ({@link ResponseUrlPolicy}).
 * <p>
 * Posts through the API carry a {@code pending_post_id} made from the delivery's key: the
 * server answers a repeat of it within 30 seconds with the post it already made
 * ({@code deduplicateCreatePost} in its app/post.go), so a post whose answer timed out is
 * sent again within {@link #DEDUPE_WINDOW}, and not after. A long result goes as a file:
 * {@code POST /api/v4/files} (multipart), then a post with its {@code file_ids} in the
 * thread.
 */
class MattermostSender extends PlatformSender implements ChatFileSender {

	/**
	 * How long after an unanswered post a repeat with the same {@code pending_post_id} is
	 * still deduplicated by the server (its cache keeps ids 30 s; 5 s of margin).
	 */
	static final Duration DEDUPE_WINDOW = Duration.ofSeconds(25);

	private static final Logger logger = LoggerFactory.getLogger(MattermostSender.class);

	/** Room for "@username " (Mattermost usernames have at most 22 characters). */
	private static final int MENTION_ROOM = 32;

	private final MattermostClient client;

	private final MattermostProperties properties;

	MattermostSender(MattermostClient client, MattermostProperties properties, ResponseUrlPolicy responseUrls) {
		super(MattermostConfiguration.PLATFORM, properties.messageLimit(), responseUrls);
		this.client = client;
		this.properties = properties;
	}

	@Override
	public void send(ChatReply reply, PostLog log) {
		int limit = this.properties.messageLimit() - (reply.whisper() ? MENTION_ROOM : 0);
		List<MattermostMessages.Message> messages = MattermostMessages.of(reply, limit);
		// only posts through the API are deduplicated by pending_post_id
		boolean throughApi = !reply.whisper() && reply.address().responseUrl() == null;
		log.postEach(messages, throughApi ? DEDUPE_WINDOW : Duration.ZERO,
				(message, key) -> ChatApiException.posting(() -> sendOne(reply, message, key)));
	}

	@Override
	public void sendFile(ChatReply reply, ChatFile file, PostLog log) {
		ChatAddress address = reply.address();
		log.postOnce(ChatFile.STEP, DEDUPE_WINDOW, (key) -> {
			String fileId;
			String root;
			try {
				// an uploaded file shows nowhere until a post names it
				fileId = this.client.uploadFile(address.channel(), file.name(), file.bytes());
				root = (address.thread() != null) ? root(address.thread()) : null;
			}
			catch (MattermostApiException ex) {
				throw ex.toSilentDelivery();
			}
			Map<String, Object> post = new LinkedHashMap<>();
			post.put("channel_id", address.channel());
			post.put("message", file.comment());
			if (root != null) {
				post.put("root_id", root);
			}
			post.put("file_ids", List.of(fileId));
			post.put("pending_post_id", key);
			ChatApiException.posting(() -> this.client.createPost(post));
		});
	}

	private void sendOne(ChatReply reply, MattermostMessages.Message message, String key) {
		ChatAddress address = reply.address();
		if (responseUrls().shouldTry(address)) {
			if (this.client.respond(address.responseUrl(),
					message.asResponse(reply.whisper() ? "ephemeral" : "in_channel"))) {
				return;
			}
			responseUrls().unusable(address);
		}
		String root = (address.thread() != null) ? root(address.thread()) : null;
		if (reply.whisper() && address.userId() != null) {
			try {
				this.client.createEphemeralPost(address.userId(), message.asPost(address.channel(), root));
				return;
			}
			catch (MattermostApiException ex) {
				if (ex.status() != 403) {
					throw ex;
				}
				logger.info("The Mattermost bot may not create ephemeral posts; whispering to channel {} with a "
						+ "mention instead", address.channel());
			}
			this.client.createPost(message.prefixed("@" + username(address) + " ").asPost(address.channel(), root));
			return;
		}
		Map<String, Object> post = message.asPost(address.channel(), root);
		post.put("pending_post_id", key);
		this.client.createPost(post);
	}

	private String root(String thread) {
		try {
			return this.client.rootOf(thread);
		}
		catch (MattermostApiException ex) {
			if (ex.retryable()) {
				throw ex;
			}
			// the post cannot be read; let creating the reply say whether the thread
			// works
			return thread;
		}
	}

	private String username(ChatAddress address) {
		if (this.properties.userField() == MattermostProperties.UserField.NAME && address.userName() != null) {
			return address.userName();
		}
		return this.client.username(address.userId());
	}

}
