package io.github.st2chatops.gateway.chat;

/**
 * Reads a verified request for its meaning: the one command in it, nothing to run, or a
 * handshake the platform expects an answer to.
 *
 * @param <M> the platform's own view of the request
 */
@FunctionalInterface
public interface ChatInboundParser<M> {

	/**
	 * Parses a verified request.
	 * @param request the request, already verified
	 * @return what it holds
	 */
	Parsed<M> parse(ChatRequest request);

	/**
	 * What a parser found: a closed set.
	 *
	 * @param <M> the platform's own view of the request
	 */
	sealed interface Parsed<M> {

		/**
		 * A command to claim and run.
		 *
		 * @param <M> the platform's view of the request
		 * @param command the command
		 */
		record Command<M>(InboundCommand<M> command) implements Parsed<M> {
		}

		/**
		 * Nothing to run: a bot's message, an edit, an activity that is not a message.
		 *
		 * @param <M> the platform's view of the request
		 */
		record Ignored<M>() implements Parsed<M> {
		}

		/**
		 * A platform's check that the endpoint is ours (Slack's {@code url_verification}
		 * and {@code ssl_check}); nothing runs.
		 *
		 * @param <M> the platform's view of the request
		 * @param answer the body to answer with, or {@code null} for none
		 */
		record Handshake<M>(Object answer) implements Parsed<M> {
		}

		/**
		 * Not a payload the gateway can read.
		 *
		 * @param <M> the platform's view of the request
		 * @param problem why
		 */
		record Refused<M>(ChatRequestProblem problem) implements Parsed<M> {
		}

		/**
		 * A command to claim and run.
		 * @param <M> the platform's view of the request
		 * @param command the command
		 * @return the outcome
		 */
		static <M> Parsed<M> command(InboundCommand<M> command) {
			return new Command<>(command);
		}

		/**
		 * Nothing to run.
		 * @param <M> the platform's view of the request
		 * @return the outcome
		 */
		static <M> Parsed<M> ignored() {
			return new Ignored<>();
		}

		/**
		 * A payload the gateway cannot read (400).
		 * @param <M> the platform's view of the request
		 * @param detail what is wrong
		 * @return the outcome
		 */
		static <M> Parsed<M> invalid(String detail) {
			return new Refused<>(ChatRequestProblem.invalid(detail));
		}

	}

}
