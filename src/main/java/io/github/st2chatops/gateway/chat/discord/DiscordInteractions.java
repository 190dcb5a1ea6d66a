package io.github.st2chatops.gateway.chat.discord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the gateway knows about the interactions it answered: their webhook URLs, and
 * which of them still wait for their ack.
 * <p>
 * A command's replies and its st2 result carry the same address, but go out differently:
 * the replies (the ack) are the follow-up that completes the deferred answer, the result
 * is a channel message of the bot's. The replies are sent by the replica that accepted
 * the interaction, right after the command ran there, so that replica remembers the
 * interaction as awaiting its ack from just before the command runs until the ack was
 * sent; anything else for the interaction, on any replica, is a result. What is left
 * behind (a command that never replied) is forgotten when the token expires.
 */
class DiscordInteractions {

	/** How long Discord takes follow-ups with an interaction's token. */
	static final Duration TOKEN_LIFETIME = Duration.ofMinutes(15);

	private static final int MAX_REMEMBERED = 10_000;

	private final String webhooks;

	private final Clock clock;

	/** Tokens of interactions whose ack is not sent yet, with when they were accepted. */
	private final Map<String, Instant> awaitingAck = new ConcurrentHashMap<>();

	/**
	 * @param properties the Discord settings
	 * @param clock the clock
	 */
	DiscordInteractions(DiscordProperties properties, Clock clock) {
		this.webhooks = properties.apiBase() + "/webhooks/" + properties.applicationId() + "/";
		this.clock = clock;
	}

	/**
	 * An interaction's webhook URL.
	 * @param token the interaction's token
	 * @return {@code <api-url>/webhooks/<application id>/<token>}
	 */
	String webhookUrl(String token) {
		return this.webhooks + token;
	}

	/**
	 * The token of an interaction webhook URL of this application. Anything else (a
	 * response URL a forged notification names, another application's) is not used.
	 * @param responseUrl the address's response URL, possibly {@code null}
	 * @return the token, or {@code null}
	 */
	String tokenOf(String responseUrl) {
		if (responseUrl == null || !responseUrl.startsWith(this.webhooks)) {
			return null;
		}
		String token = responseUrl.substring(this.webhooks.length());
		return (!token.isEmpty() && token.chars().allMatch(DiscordInteractions::isTokenChar)) ? token : null;
	}

	/**
	 * Marks an interaction as awaiting its ack: its command is about to run here.
	 * @param token the interaction's token
	 */
	void awaitAck(String token) {
		Instant now = this.clock.instant();
		this.awaitingAck.values().removeIf((accepted) -> accepted.plus(TOKEN_LIFETIME).isBefore(now));
		if (this.awaitingAck.size() >= MAX_REMEMBERED) {
			this.awaitingAck.clear();
		}
		this.awaitingAck.put(token, now);
	}

	/**
	 * Whether a message for an interaction is its ack.
	 * @param token the interaction's token
	 * @return true while the ack is not sent
	 */
	boolean awaitsAck(String token) {
		return this.awaitingAck.containsKey(token);
	}

	/**
	 * Records that the ack was sent (or given up): later messages are results.
	 * @param token the interaction's token
	 */
	void acked(String token) {
		this.awaitingAck.remove(token);
	}

	private static boolean isTokenChar(int c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
				|| c == '.';
	}

}
