package io.github.st2chatops.gateway.relay;

import io.github.st2chatops.gateway.chat.ChatAddress;

/**
 * A result read from st2's event stream, waiting to be relayed to chat.
 *
 * @param notification the announcement's payload
 * @param deliveryKey the key that makes it post once
 * @param eventId the stream's last event id when it was read (empty from st2, which sets
 * none), for logs
 * @param channel the chat channel it goes to ({@code <platform>:<channel>}), or
 * {@code none}: results to one channel are delivered in order, one at a time
 */
record StreamedResult(Notification notification, String deliveryKey, String eventId, String channel) {

	static StreamedResult of(Notification notification, String deliveryKey, String eventId) {
		ChatAddress address = NotificationRelay.address(notification);
		String channel = (address != null) ? address.platform() + ":" + address.channel() : "none";
		return new StreamedResult(notification, deliveryKey, eventId, channel);
	}

	/**
	 * What logs may say about it: the channel and the event id, never the text.
	 * @return a short description
	 */
	String describe() {
		return "result for " + this.channel + (this.eventId.isEmpty() ? "" : " (event " + this.eventId + ")");
	}

}
