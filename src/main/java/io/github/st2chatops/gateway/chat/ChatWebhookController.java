package io.github.st2chatops.gateway.chat;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What every platform's webhook controller shares: it reads the raw request, hands it to
 * the shared {@link InboundFlow} with its platform's parts, and answers a refusal with
 * problem details (through {@link ChatRequestProblem#toException()}). The subclass maps
 * the other outcomes to its platform's answer.
 *
 * @param <M> the platform's own view of a request
 */
public abstract class ChatWebhookController<M> {

	private final InboundFlow flow;

	private final ChatPlatform<M> platform;

	protected ChatWebhookController(InboundFlow flow, ChatPlatform<M> platform) {
		this.flow = flow;
		this.platform = platform;
	}

	/**
	 * Runs a webhook call of an endpoint that receives one kind of request through the
	 * flow.
	 * @param request the servlet request
	 * @return what the flow did, never {@link InboundOutcome.Refused}
	 * @throws IOException when the body cannot be read
	 */
	protected InboundOutcome<M> accept(HttpServletRequest request) throws IOException {
		return accept(ChatRequest.read(request));
	}

	/**
	 * Runs a request through the flow.
	 * @param request the request
	 * @return what the flow did, never {@link InboundOutcome.Refused}
	 * @throws io.github.st2chatops.gateway.web.GatewayProblemException when the flow
	 * refused the request
	 */
	protected InboundOutcome<M> accept(ChatRequest request) {
		InboundOutcome<M> outcome = this.flow.accept(this.platform, request);
		if (outcome instanceof InboundOutcome.Refused<M> refused) {
			throw refused.problem().toException();
		}
		return outcome;
	}

	/**
	 * Sends replies that did not fit the answer through the platform's sender, in the
	 * background, in order.
	 * @param replies the replies
	 */
	protected void sendLater(List<ChatReply> replies) {
		this.flow.sendLater(replies);
	}

}
