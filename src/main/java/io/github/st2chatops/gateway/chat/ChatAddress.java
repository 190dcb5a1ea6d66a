package io.github.st2chatops.gateway.chat;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a command came from and where its replies and results go: enough to reach the
 * same channel and thread from any replica, with no state kept in between.
 *
 * @param platform platform id ({@code slack}, {@code mattermost}, {@code teams},
 * {@code rocketchat}, {@code generic}, {@code discord}, {@code api})
 * @param workspace Slack team, Mattermost team, Teams tenant ... or {@code null}
 * @param channel channel id on the platform
 * @param thread thread id ({@code thread_ts}, {@code root_id}, {@code tmid} ...) or
 * {@code null}
 * @param userId the platform's stable user id
 * @param userName the user name st2 sees as requester
 * @param responseUrl a platform reply URL (Slack and Mattermost {@code response_url},
 * Discord's interaction webhook) or {@code null}
 */
public record ChatAddress(String platform, String workspace, String channel, String thread, String userId,
		String userName, String responseUrl) {

	/**
	 * st2's {@code source_channel}: {@code <platform>:<channel id>}.
	 * @return the source channel
	 */
	public String sourceChannel() {
		return this.platform + ":" + this.channel;
	}

	/**
	 * The address as st2's {@code source_context}, which st2 echoes back with the
	 * notification.
	 * @return a map without null values
	 */
	public Map<String, Object> toContext() {
		Map<String, Object> context = new LinkedHashMap<>();
		putIfPresent(context, "platform", this.platform);
		putIfPresent(context, "workspace", this.workspace);
		putIfPresent(context, "channel", this.channel);
		putIfPresent(context, "thread", this.thread);
		putIfPresent(context, "user_id", this.userId);
		putIfPresent(context, "user_name", this.userName);
		putIfPresent(context, "response_url", this.responseUrl);
		return context;
	}

	/**
	 * Reads an address back from st2's {@code context}.
	 * @param context the map {@link #toContext()} produced
	 * @return the address, or {@code null} when the map names no platform and channel
	 */
	public static ChatAddress fromContext(Map<String, ?> context) {
		if (context == null || !(context.get("platform") instanceof String platform)
				|| !(context.get("channel") instanceof String channel)) {
			return null;
		}
		return new ChatAddress(platform, string(context, "workspace"), channel, string(context, "thread"),
				string(context, "user_id"), string(context, "user_name"), string(context, "response_url"));
	}

	/**
	 * Reads an address from st2's {@code source_channel} form
	 * {@code <platform>:<channel>}.
	 * @param sourceChannel the channel string
	 * @return the address, or {@code null} when the string has no platform part
	 */
	public static ChatAddress fromSourceChannel(String sourceChannel) {
		if (sourceChannel == null) {
			return null;
		}
		int colon = sourceChannel.indexOf(':');
		if (colon <= 0 || colon == sourceChannel.length() - 1) {
			return null;
		}
		return new ChatAddress(sourceChannel.substring(0, colon), null, sourceChannel.substring(colon + 1), null, null,
				null, null);
	}

	private static void putIfPresent(Map<String, Object> map, String key, String value) {
		if (value != null) {
			map.put(key, value);
		}
	}

	private static String string(Map<String, ?> map, String key) {
		return (map.get(key) instanceof String value) ? value : null;
	}

}
