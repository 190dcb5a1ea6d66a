package io.github.st2chatops.gateway.relay;

import java.time.Duration;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatSenders;
import io.github.st2chatops.gateway.chat.InquiryProperties;
import io.github.st2chatops.gateway.st2.St2Exception;
import io.github.st2chatops.gateway.st2.St2Inquiry;
import io.github.st2chatops.gateway.st2.St2InquiryOrigin;
import io.github.st2chatops.gateway.st2.St2NotFoundException;
import io.github.st2chatops.gateway.st2.St2Operations;
import io.github.st2chatops.gateway.st2.St2RejectedException;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts an st2 inquiry to chat, once per inquiry id whoever announces it (the pack's rule
 * on {@code core.st2.generic.inquiry}, or st2's event stream): into the thread where its
 * workflow was started from chat (the root execution's {@code source_context} or
 * {@code source_channel}), else to the channel of its route
 * ({@code gateway.inquiry.routes.<route>}), else nowhere, with a log line and
 * {@code gateway.inquiries.unroutable}. The message is delivered by the
 * {@link NotificationRelay}, so it has the same claims, retries and metrics as a result.
 */
public class InquiryRelay {

	/** The delivery key's prefix: one post per inquiry id. */
	static final String DELIVERY_KEY_PREFIX = "inquiry:";

	/** What st2 is told to wait when it could not be asked about the inquiry. */
	static final Duration ST2_UNAVAILABLE_RETRY_AFTER = Duration.ofSeconds(30);

	private static final Logger logger = LoggerFactory.getLogger(InquiryRelay.class);

	private final St2Operations st2;

	private final NotificationRelay relay;

	private final ChatSenders senders;

	private final InquiryProperties properties;

	private final InquiryMessages messages;

	private final MeterRegistry meterRegistry;

	/**
	 * A relay.
	 * @param st2 asked about each inquiry
	 * @param relay what posts the composed message
	 * @param senders the platforms that take messages
	 * @param properties where inquiries go and how they are answered
	 * @param prefix the chat command prefix ({@code gateway.command.prefix}), for the
	 * answer hints in the message
	 * @param meterRegistry where unroutable inquiries are counted
	 */
	InquiryRelay(St2Operations st2, NotificationRelay relay, ChatSenders senders, InquiryProperties properties,
			String prefix, MeterRegistry meterRegistry) {
		this.st2 = st2;
		this.relay = relay;
		this.senders = senders;
		this.properties = properties;
		this.messages = new InquiryMessages(properties, prefix);
		this.meterRegistry = meterRegistry;
	}

	/**
	 * Posts one inquiry where it belongs.
	 * @param id the inquiry id (st2's trigger payload {@code id})
	 * @param route st2's route (the trigger payload {@code route}), may be {@code null}
	 * @param source who announced it
	 * @return how it went; {@link RelayOutcome.NotRelayed} when the inquiry is no longer
	 * pending or has nowhere to go
	 */
	public RelayOutcome announce(String id, String route, NotificationRelay.Source source) {
		St2Inquiry inquiry;
		St2InquiryOrigin origin;
		try {
			inquiry = this.st2.getInquiry(id);
			origin = this.st2.inquiryOrigin(id);
		}
		catch (St2NotFoundException ex) {
			return new RelayOutcome.Unroutable("st2 knows no inquiry " + id + ".");
		}
		catch (St2RejectedException ex) {
			// st2 answers 400 for an inquiry that was answered or timed out meanwhile
			logger.info("Inquiry {} is no longer pending, not posted: {}", id, ex.faultstring());
			return new RelayOutcome.NotRelayed();
		}
		catch (St2Exception ex) {
			logger.warn("Could not read inquiry {} from st2, not posted yet: {}", id, ex.getMessage());
			// not Failed: that one says chat did not take the message
			return new RelayOutcome.Unavailable("st2 could not be asked about the inquiry",
					ST2_UNAVAILABLE_RETRY_AFTER);
		}
		ChatAddress address = address(origin, (route != null) ? route : inquiry.route());
		if (address == null) {
			logger.warn("Inquiry {} was not started from chat and its route '{}' has no gateway.inquiry.routes "
					+ "entry, so it was not posted", id, (route != null) ? route : inquiry.route());
			this.meterRegistry.counter("gateway.inquiries.unroutable").increment();
			return new RelayOutcome.NotRelayed();
		}
		Notification message = this.messages.compose(inquiry, origin.started());
		return this.relay.relay(
				new Notification(message.message(), null, null, false, message.extra(), address.toContext()),
				DELIVERY_KEY_PREFIX + id, source);
	}

	private ChatAddress address(St2InquiryOrigin origin, String route) {
		ChatAddress started = ChatAddress.fromContext(origin.sourceContext());
		if (started == null) {
			started = ChatAddress.fromSourceChannel(origin.sourceChannel());
		}
		if (started != null && this.senders.forPlatform(started.platform()).isPresent()) {
			// the thread, not the person who started it, and no response_url: a click
			// answers through its own
			return new ChatAddress(started.platform(), started.workspace(), started.channel(), started.thread(), null,
					null, null);
		}
		return this.properties.route(route);
	}

}
