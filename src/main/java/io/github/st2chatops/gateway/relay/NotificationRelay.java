package io.github.st2chatops.gateway.relay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatDelivery;
import io.github.st2chatops.gateway.chat.ChatReply;
import io.github.st2chatops.gateway.chat.ChatSender;
import io.github.st2chatops.gateway.chat.ChatSenders;
import io.github.st2chatops.gateway.chat.DeliveryLedger;
import io.github.st2chatops.gateway.chat.DeliveryResult;
import io.github.st2chatops.gateway.state.ClaimStore;
import io.github.st2chatops.gateway.state.StateUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Relays st2 result notifications, pushed or streamed, to the chat they belong to: routes
 * by the address st2 echoes back ({@code context}, else {@code channel}), claims the
 * delivery key so a repeated notification is posted once, and delivers through the
 * platform's sender with {@link ChatDelivery}'s bounded retries. What was posted (each
 * part, a file) is recorded with the claim, so a notification that failed midway and is
 * sent again resumes where it stopped. Every outcome is counted
 * ({@code gateway.relay.notifications} by source, platform and outcome) and every failure
 * logged.
 */
public class NotificationRelay {

	/**
	 * The platform id of commands run through the REST API; their callers read results
	 * from the execution, nothing is posted.
	 */
	static final String API_PLATFORM = "api";

	static final String CLAIM_PREFIX = "relay:notification:";

	/** What st2 is told to wait when the state store could not be asked. */
	static final Duration STATE_UNAVAILABLE_RETRY_AFTER = Duration.ofSeconds(30);

	private static final RelayOutcome.Unavailable STATE_UNAVAILABLE = new RelayOutcome.Unavailable(
			"The gateway cannot check for duplicates right now", STATE_UNAVAILABLE_RETRY_AFTER);

	private static final Logger logger = LoggerFactory.getLogger(NotificationRelay.class);

	private final ChatSenders senders;

	private final ChatDelivery delivery;

	private final ClaimStore claims;

	private final RelayProperties properties;

	private final MeterRegistry meterRegistry;

	public NotificationRelay(ChatSenders senders, ChatDelivery delivery, ClaimStore claims, RelayProperties properties,
			MeterRegistry meterRegistry) {
		this.senders = senders;
		this.delivery = delivery;
		this.claims = claims;
		this.properties = properties;
		this.meterRegistry = meterRegistry;
	}

	/**
	 * Relays one notification, at most once per delivery key within the dedupe window.
	 * @param notification the notification
	 * @param deliveryKey what identifies this notification across repeats (the
	 * {@code Idempotency-Key}, else a hash of its content)
	 * @param source where it came from, for metrics and logs
	 * @return how it went
	 */
	public RelayOutcome relay(Notification notification, String deliveryKey, Source source) {
		ChatAddress address = address(notification);
		if (address != null) {
			MDC.put("platform", address.platform());
			MDC.put("channel", address.channel());
		}
		try {
			RelayOutcome outcome = relay(notification, address, deliveryKey);
			count(source, platformTag(address), outcome);
			log(source, address, outcome);
			return outcome;
		}
		finally {
			MDC.remove("platform");
			MDC.remove("channel");
		}
	}

	private RelayOutcome relay(Notification notification, ChatAddress address, String deliveryKey) {
		if (notification.message() == null) {
			return new RelayOutcome.Invalid("'message' is required.");
		}
		String text = St2Message.resolve(notification.message());
		if (text.isEmpty()) {
			return new RelayOutcome.Invalid("'message' is blank; there is nothing to post.");
		}
		if (address == null) {
			return new RelayOutcome.Unroutable("The notification names no chat: neither a 'context' with platform "
					+ "and channel nor a 'channel' of the form '<platform>:<channel id>'.");
		}
		if (API_PLATFORM.equals(address.platform())) {
			return new RelayOutcome.NotRelayed();
		}
		Optional<ChatSender> sender = this.senders.forPlatform(address.platform());
		if (sender.isEmpty()) {
			return new RelayOutcome.Unroutable(
					"Chat platform '" + address.platform() + "' is unknown or not configured in the gateway.");
		}
		// st2 echoes the context back; a response_url in it is only followed to the
		// platform's own hosts, so a forged context cannot reach inside the network
		Optional<String> refusal = (address.responseUrl() != null)
				? sender.get().responseUrlRefusal(address.responseUrl()) : Optional.empty();
		if (refusal.isPresent()) {
			return new RelayOutcome.Unroutable(refusal.get() + " Nothing was posted.");
		}
		if (notification.isWhisper() && address.userId() == null && address.userName() == null) {
			return new RelayOutcome.Unroutable("'whisper' is true but the notification names no user to whisper to.");
		}
		ChatReply reply = new ChatReply(address, text, notification.extra(), notification.isWhisper());
		String claimKey = CLAIM_PREFIX + deliveryKey;
		try {
			if (!this.claims.claim(claimKey, this.properties.dedupeWindow())) {
				return new RelayOutcome.Duplicate();
			}
		}
		catch (StateUnavailableException ex) {
			logger.warn("Could not check whether a notification for {} channel {} was already posted ({}); "
					+ "not posting it now", address.platform(), address.channel(), ex.getMessage());
			return STATE_UNAVAILABLE;
		}
		DeliveryResult result;
		try {
			// the ledger outlives a release: st2's retry, on any replica, resumes at the
			// first part not yet posted, and never uploads a file twice
			DeliveryLedger ledger = DeliveryLedger.inClaim(this.claims, claimKey, ledgerId(deliveryKey),
					this.properties.dedupeWindow());
			result = this.delivery.deliver(reply, ledger, this.properties.maxMessageLength());
		}
		catch (StateUnavailableException ex) {
			// what was posted before cannot be read: posting now could repeat it
			release(claimKey);
			logger.warn("Could not read what was already posted of a notification for {} channel {} ({}); "
					+ "not posting it now", address.platform(), address.channel(), ex.getMessage());
			return STATE_UNAVAILABLE;
		}
		catch (RuntimeException ex) {
			release(claimKey);
			throw ex;
		}
		if (result instanceof DeliveryResult.Delivered delivered) {
			// a post whose answer timed out counts as posted: its record in the claim
			// keeps a retry from posting it again
			return new RelayOutcome.Delivered(delivered.attempts());
		}
		// not posted: give the key up so that a repeat (st2's retry) is delivered
		release(claimKey);
		if (result instanceof DeliveryResult.Failed failed) {
			return new RelayOutcome.Failed(failed.reason(), failed.retryAfter());
		}
		if (result instanceof DeliveryResult.Rejected rejected) {
			return new RelayOutcome.Rejected(rejected.reason());
		}
		return new RelayOutcome.Unroutable(((DeliveryResult.Unroutable) result).reason());
	}

	/**
	 * The id of a delivery in platform-side keys (Mattermost's {@code pending_post_id}):
	 * short, the same on every replica, and not the delivery key itself (which may be a
	 * caller's Idempotency-Key).
	 * @param deliveryKey the delivery key
	 * @return 24 hex digits of its SHA-256
	 */
	static String ledgerId(String deliveryKey) {
		return HexFormat.of()
			.formatHex(DeliveryKeys.sha256(deliveryKey.getBytes(StandardCharsets.UTF_8)))
			.substring(0, 24);
	}

	/**
	 * Where a notification goes: the address st2 echoes back in {@code context}, else the
	 * {@code channel} string; the notification's {@code user} fills in a missing user
	 * name.
	 * @param notification the notification
	 * @return the address, or {@code null} when it names none
	 */
	static ChatAddress address(Notification notification) {
		ChatAddress address = ChatAddress.fromContext(notification.context());
		if (address == null) {
			address = ChatAddress.fromSourceChannel(notification.channel());
		}
		if (address == null) {
			return null;
		}
		String user = notification.user();
		if (address.userName() == null && user != null && !user.isBlank()) {
			address = new ChatAddress(address.platform(), address.workspace(), address.channel(), address.thread(),
					address.userId(), user, address.responseUrl());
		}
		return address;
	}

	// only configured platforms become tag values: the platform comes from the request
	private String platformTag(ChatAddress address) {
		if (address == null) {
			return "none";
		}
		if (API_PLATFORM.equals(address.platform()) || this.senders.forPlatform(address.platform()).isPresent()) {
			return address.platform();
		}
		return "unknown";
	}

	private void release(String claimKey) {
		try {
			this.claims.release(claimKey);
		}
		catch (RuntimeException ex) {
			// the claim then simply expires with the dedupe window
			logger.warn("Could not release the claim of an undelivered notification: {}", ex.getMessage());
		}
	}

	private void count(Source source, String platform, RelayOutcome outcome) {
		this.meterRegistry
			.counter("gateway.relay.notifications", "source", source.tag(), "platform", platform, "outcome",
					outcome.name())
			.increment();
	}

	private void log(Source source, ChatAddress address, RelayOutcome outcome) {
		String where = (address != null) ? address.platform() + " channel " + address.channel() : "no chat";
		if (outcome instanceof RelayOutcome.Delivered || outcome instanceof RelayOutcome.Duplicate
				|| outcome instanceof RelayOutcome.NotRelayed) {
			logger.debug("{} notification for {}: {}", source.tag(), where, outcome.name());
		}
		else if (outcome instanceof RelayOutcome.Failed failed) {
			logger.warn("{} notification for {} not delivered ({}); it must be sent again", source.tag(), where,
					failed.reason());
		}
		else {
			logger.warn("{} notification for {} refused ({}): {}", source.tag(), where, outcome.name(),
					reason(outcome));
		}
	}

	private static String reason(RelayOutcome outcome) {
		if (outcome instanceof RelayOutcome.Invalid invalid) {
			return invalid.reason();
		}
		if (outcome instanceof RelayOutcome.Unroutable unroutable) {
			return unroutable.reason();
		}
		if (outcome instanceof RelayOutcome.Rejected rejected) {
			return rejected.reason();
		}
		return ((RelayOutcome.Unavailable) outcome).reason();
	}

	/**
	 * Where notifications come from.
	 */
	public enum Source {

		/** {@code POST /api/v1/st2/notifications}. */
		PUSH,

		/** st2's event stream. */
		STREAM;

		String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
