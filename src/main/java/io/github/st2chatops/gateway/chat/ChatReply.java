package io.github.st2chatops.gateway.chat;

import java.util.Map;

/**
 * A message for chat: a reply to a command or a relayed st2 result.
 *
 * @param address where it goes
 * @param text the text (st2's {@code {~}} convention already resolved by the caller where
 * it applies)
 * @param extra platform extras from st2 ({@code extra.slack} ...), empty when none
 * @param whisper whether it should reach only the user
 */
public record ChatReply(ChatAddress address, String text, Map<String, Object> extra, boolean whisper) {

	public ChatReply {
		extra = (extra != null) ? extra : Map.of();
	}

	/**
	 * A plain reply in the same place.
	 * @param address where it goes
	 * @param text the text
	 * @return the reply
	 */
	public static ChatReply of(ChatAddress address, String text) {
		return new ChatReply(address, text, Map.of(), false);
	}

}
