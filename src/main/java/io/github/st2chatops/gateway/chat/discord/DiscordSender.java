package io.github.st2chatops.gateway.chat.discord;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatDeliveryException;
import io.github.st2chatops.gateway.chat.ChatFile;
import io.github.st2chatops.gateway.chat.ChatFileSender;
import io.github.st2chatops.gateway.chat.ChatReply;
import io.github.st2chatops.gateway.chat.MessageSplitter;
import io.github.st2chatops.gateway.chat.PlatformSender;
import io.github.st2chatops.gateway.chat.PostLog;

/**
 * Sends replies and relayed results to Discord, split at the message limit (2,000
 * characters).
 * <ul>
 * <li>A command's ack is the follow-up of its deferred answer, through the interaction's
 * webhook: the first follow-up takes the place of Discord's "thinking" message.</li>
 * <li>A result is a channel message of the bot's ({@code POST /channels/<id>/messages}),
 * in the command's channel or thread, as a reply to the command's answer while the
 * interaction's token lets the gateway find that message (15 minutes).</li>
 * <li>A whisper is an ephemeral follow-up while the token lasts, else a channel message
 * that mentions the user.</li>
 * </ul>
 * Once the token has expired (Discord answers 401 or 404), everything goes through the
 * bot. Messages never ping {@code @everyone} or roles.
 * <p>
 * A long result goes as one channel message with the result attached as a text file (at
 * most {@link #MAX_FILE_BYTES}), placed like a result's message.
 */
class DiscordSender extends PlatformSender implements ChatFileSender {

	private static final Logger logger = LoggerFactory.getLogger(DiscordSender.class);

	/** Discord's message flag that shows a follow-up to its user only. */
	static final int EPHEMERAL = 1 << 6;

	/** Room for {@code <@user id> } in front of a whisper posted to the channel. */
	private static final int MENTION_ROOM = 32;

	private static final int MAX_REMEMBERED = 10_000;

	/**
	 * The largest file the gateway attaches: Discord's per-file limit for a bot in a
	 * server without boosts (10 MiB); a longer result goes in parts.
	 */
	static final int MAX_FILE_BYTES = 10 * 1024 * 1024;

	/** User mentions notify; {@code @everyone}, {@code @here} and roles never do. */
	private static final Map<String, Object> ALLOWED_MENTIONS = Map.of("parse", List.of("users"));

	private final DiscordClient client;

	private final DiscordInteractions interactions;

	/** Interaction tokens Discord no longer takes, so later messages go to the bot. */
	private final Set<String> goneTokens = ConcurrentHashMap.newKeySet();

	/** The id of each interaction's original answer, which results reply to. */
	private final Map<String, String> originals = new ConcurrentHashMap<>();

	DiscordSender(DiscordClient client, DiscordInteractions interactions, int messageLimit) {
		super(DiscordConfiguration.PLATFORM, messageLimit);
		this.client = client;
		this.interactions = interactions;
	}

	@Override
	public void send(ChatReply reply, PostLog log) {
		String token = this.interactions.tokenOf(reply.address().responseUrl());
		boolean ack = token != null && this.interactions.awaitsAck(token);
		List<String> parts = MessageSplitter.split(reply.text(), messageLimit() - (reply.whisper() ? MENTION_ROOM : 0));
		try {
			// Discord has no idempotency key for messages: a part whose outcome is
			// unknown is
			// not posted again
			log.postEach(parts, Duration.ZERO, (part, key) -> {
				if (ack) {
					sendAck(reply, token, part);
				}
				else {
					sendResult(reply, token, part);
				}
			});
		}
		catch (ChatDeliveryException ex) {
			if (ack && !ex.retryable()) {
				this.interactions.acked(token);
			}
			throw ex;
		}
		if (ack) {
			this.interactions.acked(token);
		}
	}

	@Override
	public void sendFile(ChatReply reply, ChatFile file, PostLog log) {
		byte[] content = file.bytes();
		if (content.length > MAX_FILE_BYTES) {
			throw new ChatDeliveryException(
					String.format(Locale.ROOT, "The result is %,d bytes, more than the %,d Discord takes as a file",
							content.length, MAX_FILE_BYTES),
					false, null, null);
		}
		ChatAddress address = reply.address();
		String token = this.interactions.tokenOf(address.responseUrl());
		// one request posts the message and its file: a timed-out one is not sent again
		log.postOnce(ChatFile.STEP, Duration.ZERO, (key) -> {
			Map<String, Object> message = channelMessage(file.comment(), originalOrNone(address, token));
			message.put("attachments", List.of(Map.of("id", 0, "filename", file.name())));
			this.client.createMessage(address.channel(), message, file.name(), content);
		});
	}

	private void sendAck(ChatReply reply, String token, String part) {
		if (followUp(reply.address(), token, message(part, reply.whisper() ? EPHEMERAL : 0))) {
			return;
		}
		toChannel(reply, null, part);
	}

	private void sendResult(ChatReply reply, String token, String part) {
		if (reply.whisper() && followUp(reply.address(), token, message(part, EPHEMERAL))) {
			return;
		}
		toChannel(reply, original(reply.address(), token), part);
	}

	/**
	 * Sends a follow-up while the token works.
	 * @return false when there is no usable token (the caller posts through the bot)
	 */
	private boolean followUp(ChatAddress address, String token, Map<String, Object> message) {
		return withToken(address, token, () -> {
			this.client.followUp(token, message);
			return true;
		}) != null;
	}

	/**
	 * The id of the interaction's answer, or null when Discord did not give it now: a
	 * file then goes to the command's channel or thread as a plain message, rather than
	 * in parts.
	 */
	private String originalOrNone(ChatAddress address, String token) {
		try {
			return original(address, token);
		}
		catch (DiscordApiException ex) {
			logger.info("Could not find the answer of an interaction in channel {} ({}); posting the result's file "
					+ "without replying to it", address.channel(), ex.getMessage());
			return null;
		}
	}

	/** The id of the interaction's answer while the token can read it, else null. */
	private String original(ChatAddress address, String token) {
		return withToken(address, token, () -> {
			String cached = this.originals.get(token);
			if (cached != null) {
				return cached;
			}
			String id = this.client.originalMessageId(token);
			if (this.originals.size() >= MAX_REMEMBERED) {
				this.originals.clear();
			}
			this.originals.put(token, id);
			return id;
		});
	}

	/**
	 * Calls Discord with an interaction token while the token works.
	 * @return the call's answer, or null when there is no usable token (none, or one
	 * Discord said is gone, which is then remembered)
	 */
	private <T> T withToken(ChatAddress address, String token, Supplier<T> call) {
		if (token == null || this.goneTokens.contains(token)) {
			return null;
		}
		try {
			return call.get();
		}
		catch (DiscordApiException ex) {
			if (!ex.tokenGone()) {
				throw ex;
			}
			forget(address, token);
			return null;
		}
	}

	private void toChannel(ChatReply reply, String replyTo, String part) {
		ChatAddress address = reply.address();
		String content = (reply.whisper() && address.userId() != null) ? "<@" + address.userId() + "> " + part : part;
		this.client.createMessage(address.channel(), channelMessage(content, replyTo));
	}

	/** A bot's channel message, replying to {@code replyTo} when that is not null. */
	private static Map<String, Object> channelMessage(String content, String replyTo) {
		Map<String, Object> message = message(content, 0);
		if (replyTo != null) {
			// a deleted answer must not make the result fail: then it is a plain message
			message.put("message_reference", Map.of("message_id", replyTo, "fail_if_not_exists", false));
		}
		return message;
	}

	private void forget(ChatAddress address, String token) {
		logger.info("Discord no longer takes the token of an interaction in channel {}; posting with the bot token "
				+ "instead", address.channel());
		if (this.goneTokens.size() >= MAX_REMEMBERED) {
			this.goneTokens.clear();
		}
		this.goneTokens.add(token);
		this.originals.remove(token);
	}

	private static Map<String, Object> message(String content, int flags) {
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("content", content);
		if (flags != 0) {
			message.put("flags", flags);
		}
		message.put("allowed_mentions", ALLOWED_MENTIONS);
		return message;
	}

}
