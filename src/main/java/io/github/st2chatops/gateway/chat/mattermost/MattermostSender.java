package io.github.st2chatops.gateway.chat.mattermost;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatDeliveryException;
import io.github.st2chatops.gateway.chat.ChatReply;
import io.github.st2chatops.gateway.chat.ChatSender;
import io.github.st2chatops.gateway.chat.ResponseUrlPolicy;
import io.github.st2chatops.gateway.chat.SentParts;

/**
 * Sends replies and relayed results to Mattermost. A slash command's {@code response_url}
 * is tried first (its posts land where the command was typed); once it no longer works,
 * or when there is none, {@code POST /api/v4/posts} with the bot token, in the thread of
 * the post that ran the command. A whisper is an ephemeral post; when the bot may not
 * create those, it goes to the channel with a mention of the user. A response_url is only
 * followed to the Mattermost server's hosts ({@link ResponseUrlPolicy}).
 */
class MattermostSender implements ChatSender {

	private static final Logger logger = LoggerFactory.getLogger(MattermostSender.class);

	/** Room for "@username " (Mattermost usernames have at most 22 characters). */
	private static final int MENTION_ROOM = 32;

	private final MattermostClient client;

	private final MattermostProperties properties;

	private final SentParts sentParts;

	private final ResponseUrlPolicy responseUrls;

	MattermostSender(MattermostClient client, MattermostProperties properties, SentParts sentParts,
			ResponseUrlPolicy responseUrls) {
		this.client = client;
		this.properties = properties;
		this.sentParts = sentParts;
		this.responseUrls = responseUrls;
	}

	@Override
	public String platform() {
		return MattermostConfiguration.PLATFORM;
	}

	@Override
	public Optional<String> responseUrlRefusal(String responseUrl) {
		return this.responseUrls.refusal(responseUrl);
	}

	@Override
	public void send(ChatReply reply) {
		int limit = this.properties.messageLimit() - (reply.whisper() ? MENTION_ROOM : 0);
		List<MattermostMessages.Message> messages = MattermostMessages.of(reply, limit);
		try {
			for (int i = this.sentParts.next(reply); i < messages.size(); i++) {
				sendOne(reply, messages.get(i));
				this.sentParts.sent(reply, i + 1);
			}
			this.sentParts.done(reply);
		}
		catch (MattermostApiException ex) {
			if (!ex.retryable()) {
				this.sentParts.done(reply);
			}
			throw new ChatDeliveryException(ex.getMessage(), ex.retryable(), ex.retryAfter(), ex);
		}
	}

	private void sendOne(ChatReply reply, MattermostMessages.Message message) {
		ChatAddress address = reply.address();
		if (this.responseUrls.shouldTry(address)) {
			if (this.client.respond(address.responseUrl(),
					message.asResponse(reply.whisper() ? "ephemeral" : "in_channel"))) {
				return;
			}
			this.responseUrls.unusable(address);
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
		this.client.createPost(message.asPost(address.channel(), root));
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
