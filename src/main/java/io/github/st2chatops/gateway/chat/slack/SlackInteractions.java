package io.github.st2chatops.gateway.chat.slack;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.st2chatops.gateway.chat.ChatPlatform;
import io.github.st2chatops.gateway.chat.ChatReply;
import io.github.st2chatops.gateway.chat.ChatRequest;
import io.github.st2chatops.gateway.chat.InboundFlow;
import io.github.st2chatops.gateway.chat.InboundOutcome;
import io.github.st2chatops.gateway.chat.ResponseUrlPolicy;

/**
 * Button clicks, from the HTTP interactivity endpoint and from Socket Mode's
 * {@code interactive} envelopes alike: through the shared {@link InboundFlow} (so a
 * repeated delivery runs nothing), then answered through the click's
 * {@code response_url}: the message is replaced by itself without buttons and with the
 * outcome ("Approved by @alice"), and a refusal (already answered, expired, not allowed)
 * is shown to the person who clicked only. A command slower than the platform's deadline
 * answers through the sender instead, and so does a click whose {@code response_url} is
 * not one of Slack's hosts ({@link ResponseUrlPolicy}).
 */
class SlackInteractions {

	private static final Logger logger = LoggerFactory.getLogger(SlackInteractions.class);

	private final InboundFlow flow;

	private final ChatPlatform<SlackInteraction> platform;

	private final SlackClient client;

	private final ResponseUrlPolicy responseUrls;

	private final Executor executor;

	SlackInteractions(InboundFlow flow, ChatPlatform<SlackInteraction> platform, SlackClient client,
			ResponseUrlPolicy responseUrls, Executor executor) {
		this.flow = flow;
		this.platform = platform;
		this.client = client;
		this.responseUrls = responseUrls;
		this.executor = executor;
	}

	/**
	 * A click over HTTP: verified, claimed and started; its answer goes out in the
	 * background.
	 * @param request the raw request
	 * @return what the flow did
	 */
	InboundOutcome<SlackInteraction> accept(ChatRequest request) {
		InboundOutcome<SlackInteraction> outcome = this.flow.accept(this.platform, request);
		this.executor.execute(() -> answer(outcome));
		return outcome;
	}

	/**
	 * A click of a Socket Mode envelope, whose connection is already authenticated; runs
	 * on the caller's thread.
	 * @param payload the envelope's payload JSON
	 * @return what the flow did
	 */
	InboundOutcome<SlackInteraction> acceptVerified(byte[] payload) {
		InboundOutcome<SlackInteraction> outcome = this.flow.acceptVerified(this.platform,
				new ChatRequest(SlackInteractionParser.SOCKET, null, payload));
		answer(outcome);
		return outcome;
	}

	private void answer(InboundOutcome<SlackInteraction> outcome) {
		if (!(outcome instanceof InboundOutcome.Accepted<SlackInteraction> accepted) || accepted.replies().isEmpty()) {
			return;
		}
		String responseUrl = accepted.message().responseUrl();
		Optional<String> refusal = this.responseUrls.refusal(responseUrl);
		if (refusal.isPresent()) {
			logger.warn("{} Answering the click with the bot token instead.", refusal.get());
			this.flow.sendLater(accepted.replies().get());
			return;
		}
		for (ChatReply reply : accepted.replies().get()) {
			Map<String, Object> body = reply.whisper()
					? Map.of("response_type", "ephemeral", "replace_original", false, "text",
							SlackText.escape(reply.text()))
					: SlackInteractionParser.replacement(accepted.message(), reply.text());
			try {
				if (this.client.respond(responseUrl, body)) {
					continue;
				}
			}
			catch (SlackApiException ex) {
				logger.info("Slack did not take the answer to a click through its response_url: {}", ex.getMessage());
			}
			this.flow.sendLater(List.of(reply));
		}
	}

}
