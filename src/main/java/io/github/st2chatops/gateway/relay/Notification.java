package io.github.st2chatops.gateway.relay;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An st2 result notification: the parameters of st2's {@code chatops.post_message}
 * action, as the pack's rule posts them and as an {@code st2.announcement__<route>} event
 * carries them in its {@code payload}.
 *
 * @param message the text, possibly in st2's {@code pretext{~}text} form
 * @param channel st2's {@code source_channel}, {@code <platform>:<channel id>}
 * @param user the user the result is for (st2's {@code user})
 * @param whisper whether the result should reach only that user
 * @param extra platform extras ({@code extra.slack} ...), passed on to the sender
 * @param context st2's {@code source_context}: the address the command came from
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Notification(String message, String channel, String user, Boolean whisper, Map<String, Object> extra,
		Map<String, Object> context) {

	/**
	 * The keys the endpoint reads, the parameters of st2's {@code chatops.post_message}
	 * (without its runner parameters {@code route} and {@code experimental}).
	 */
	public static final java.util.Set<String> KEYS = java.util.Set.of("message", "channel", "user", "whisper", "extra",
			"context");

	/**
	 * Whether the result should reach only the user.
	 * @return true when {@code whisper} was true
	 */
	public boolean isWhisper() {
		return Boolean.TRUE.equals(this.whisper);
	}

}
