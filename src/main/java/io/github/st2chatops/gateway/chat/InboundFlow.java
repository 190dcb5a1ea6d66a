package io.github.st2chatops.gateway.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.st2chatops.gateway.chat.ChatInboundParser.Parsed;
import io.github.st2chatops.gateway.chat.ChatRequestVerifier.Verification;
import io.github.st2chatops.gateway.state.ClaimStore;
import io.github.st2chatops.gateway.state.StateUnavailableException;

/**
 * The one way a chat request becomes a running command, for every platform and transport:
 * verify, parse, claim (so a repeated delivery runs nothing), start the command and wait
 * for its replies up to the platform's deadline, and count the outcome in
 * {@code gateway.chat.webhooks{platform, outcome}}.
 * <p>
 * A webhook controller calls {@link #accept} and turns the outcome into its platform's
 * answer. A transport whose connection is already authenticated (Slack Socket Mode, a
 * Mattermost WebSocket) calls {@link #acceptVerified} with the same parser.
 * <p>
 * The rule for a state store that cannot answer is the same everywhere: nothing runs, and
 * the outcome is {@link InboundOutcome.Refused} with {@code UNAVAILABLE} (over HTTP, 503
 * problem details with {@code Retry-After: 5}), so a platform that retries sends the
 * message again and it runs once.
 */
public class InboundFlow {

	private static final Logger logger = LoggerFactory.getLogger(InboundFlow.class);

	static final String METER = "gateway.chat.webhooks";

	private final ClaimStore claims;

	private final ChatCommandRunner runner;

	private final MeterRegistry meterRegistry;

	public InboundFlow(ClaimStore claims, ChatCommandRunner runner, MeterRegistry meterRegistry) {
		this.claims = claims;
		this.runner = runner;
		this.meterRegistry = meterRegistry;
	}

	/**
	 * Verifies a request, then does what {@link #acceptVerified} does.
	 * @param <M> the platform's own view of the request
	 * @param platform the platform's parts
	 * @param request the raw request
	 * @return what was done
	 */
	public <M> InboundOutcome<M> accept(ChatPlatform<M> platform, ChatRequest request) {
		Verification verification = platform.verifier().verify(request);
		if (verification instanceof Verification.Refused refused) {
			return refuse(platform, refused.problem());
		}
		return acceptVerified(platform, request);
	}

	/**
	 * Parses a request whose origin is already known, claims its command and starts it.
	 * @param <M> the platform's own view of the request
	 * @param platform the platform's parts (its verifier is not used)
	 * @param request the request
	 * @return what was done
	 */
	public <M> InboundOutcome<M> acceptVerified(ChatPlatform<M> platform, ChatRequest request) {
		Parsed<M> parsed = platform.parser().parse(request);
		if (parsed instanceof Parsed.Refused<M> refused) {
			return refuse(platform, refused.problem());
		}
		if (parsed instanceof Parsed.Ignored<M>) {
			count(platform, Outcome.IGNORED);
			return new InboundOutcome.Ignored<>();
		}
		if (parsed instanceof Parsed.Handshake<M> handshake) {
			count(platform, Outcome.VERIFICATION);
			return new InboundOutcome.Handshake<>(handshake.answer());
		}
		InboundCommand<M> inbound = ((Parsed.Command<M>) parsed).command();
		ChatCommand command = inbound.command();
		boolean first;
		try {
			first = claim(inbound);
		}
		catch (StateUnavailableException ex) {
			logger.warn("Could not check a {} message in channel {} for duplicates, so nothing ran: {}", platform.id(),
					command.address().channel(), ex.getMessage());
			return refuse(platform,
					new ChatRequestProblem(ChatRequestProblem.Kind.UNAVAILABLE,
							"The gateway cannot tell whether this message was already received (its state store is "
									+ "unreachable), so nothing ran; send it again shortly."));
		}
		if (!first) {
			logger.info("{} message in channel {} was already received; not run again", platform.id(),
					command.address().channel());
			count(platform, Outcome.DUPLICATE);
			return new InboundOutcome.Duplicate<>(inbound.message(), command);
		}
		count(platform, Outcome.ACCEPTED);
		if (platform.replyDeadline().isZero()) {
			this.runner.runInBackground(command, inbound.preparer());
			return new InboundOutcome.Accepted<>(inbound.message(), command, Optional.empty());
		}
		return new InboundOutcome.Accepted<>(inbound.message(), command,
				this.runner.runWithin(command, inbound.preparer(), platform.replyDeadline()));
	}

	/**
	 * Sends replies that a controller could not put in its answer (too many, too long, or
	 * a whisper) through the platform's sender, in the background, in order.
	 * @param replies the replies
	 */
	public void sendLater(List<ChatReply> replies) {
		this.runner.deliverLater(replies);
	}

	/**
	 * Claims every key of a command.
	 * @return true when all were new, false for a duplicate
	 * @throws StateUnavailableException when the store could not say (the keys this call
	 * claimed are given up again)
	 */
	private boolean claim(InboundCommand<?> inbound) {
		List<String> claimed = new ArrayList<>();
		try {
			for (String key : inbound.claimKeys()) {
				if (!this.claims.claim(key, inbound.dedupeWindow())) {
					return false;
				}
				claimed.add(key);
			}
			return true;
		}
		catch (StateUnavailableException ex) {
			claimed.forEach(this::releaseQuietly);
			throw ex;
		}
	}

	private void releaseQuietly(String key) {
		try {
			this.claims.release(key);
		}
		catch (StateUnavailableException ex) {
			// neither store throws here today (Redis retries a release in the background
			// until it answers); kept so that a store that does cannot fail the request
			logger.debug("Could not give up claim {}: {}", key, ex.getMessage());
		}
	}

	private <M> InboundOutcome<M> refuse(ChatPlatform<M> platform, ChatRequestProblem problem) {
		switch (problem.kind()) {
			case UNAUTHORIZED -> {
				count(platform, Outcome.UNAUTHORIZED);
				logger.warn("Refused a {} request: {}", platform.id(), problem.detail());
			}
			case INVALID, UNSUPPORTED_MEDIA_TYPE -> {
				count(platform, Outcome.INVALID);
				logger.debug("Refused a {} request: {}", platform.id(), problem.detail());
			}
			case UNAVAILABLE -> count(platform, Outcome.UNAVAILABLE);
		}
		return new InboundOutcome.Refused<>(problem);
	}

	private void count(ChatPlatform<?> platform, Outcome outcome) {
		this.meterRegistry.counter(METER, "platform", platform.id(), "outcome", outcome.tag()).increment();
	}

	/**
	 * The fixed set of outcome tags of {@code gateway.chat.webhooks}.
	 */
	enum Outcome {

		ACCEPTED, DUPLICATE, IGNORED, VERIFICATION, UNAUTHORIZED, INVALID, UNAVAILABLE;

		String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
