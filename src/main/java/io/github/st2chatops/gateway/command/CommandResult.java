package io.github.st2chatops.gateway.command;

import java.util.List;
import java.util.Map;

import io.github.st2chatops.gateway.alias.MatchOutcome;

/**
 * What running one command gave: the outcome, the reply chat shows, and the details the
 * REST API returns. Built by the factories, one for each way a command ends.
 *
 * @param outcome how it ended
 * @param reply the text chat shows, {@code null} when nothing is said (ignored chatter,
 * an alias with its ack disabled)
 * @param alias the alias ref, when one matched
 * @param format the representation that matched
 * @param parameters the extracted parameters (values may be null)
 * @param candidates the matching alias refs when ambiguous
 * @param execution the execution st2 scheduled
 * @param extra platform extras for the reply (st2's rendered {@code ack.extra})
 * @param whisper whether chat shows the reply to the requester only (a refused answer to
 * an inquiry)
 */
public record CommandResult(CommandOutcome outcome, String reply, String alias, String format,
		Map<String, String> parameters, List<String> candidates, ExecutionLink execution, Map<String, Object> extra,
		boolean whisper) {

	public CommandResult {
		candidates = (candidates != null) ? List.copyOf(candidates) : List.of();
		extra = (extra != null) ? extra : Map.of();
	}

	/**
	 * st2 accepted the execution.
	 * @param matched what matched
	 * @param ack the ack, {@code null} when the alias disables it
	 * @param execution the execution
	 * @param extra st2's rendered {@code ack.extra}
	 * @return the result
	 */
	static CommandResult executed(MatchOutcome.Matched matched, String ack, ExecutionLink execution,
			Map<String, Object> extra) {
		return new CommandResult(CommandOutcome.EXECUTED, ack, matched.alias().ref(), matched.format().representation(),
				matched.parameters(), null, execution, extra, false);
	}

	/**
	 * A dry run found the alias that would run.
	 * @param matched what matched
	 * @param description what would run
	 * @return the result
	 */
	static CommandResult matched(MatchOutcome.Matched matched, String description) {
		return new CommandResult(CommandOutcome.MATCHED, description, matched.alias().ref(),
				matched.format().representation(), matched.parameters(), null, null, null, false);
	}

	/**
	 * st2 could not run a matched alias (refused, gone, unavailable).
	 * @param matched what matched
	 * @param outcome {@link CommandOutcome#REFUSED} or {@link CommandOutcome#UNAVAILABLE}
	 * @param reply what went wrong and whether anything ran
	 * @return the result
	 */
	static CommandResult failed(MatchOutcome.Matched matched, CommandOutcome outcome, String reply) {
		return new CommandResult(outcome, reply, matched.alias().ref(), matched.format().representation(),
				matched.parameters(), null, null, null, false);
	}

	/**
	 * The matching alias is disabled in st2.
	 * @param disabled what matched
	 * @param reply the sentence
	 * @return the result
	 */
	static CommandResult disabled(MatchOutcome.Disabled disabled, String reply) {
		return new CommandResult(CommandOutcome.REFUSED, reply, disabled.alias().ref(),
				disabled.format().representation(), null, null, null, null, false);
	}

	/**
	 * More than one alias matches.
	 * @param reply the list
	 * @param candidates the alias refs
	 * @return the result
	 */
	static CommandResult ambiguous(String reply, List<String> candidates) {
		return new CommandResult(CommandOutcome.AMBIGUOUS, reply, null, null, null, candidates, null, null, false);
	}

	/**
	 * No alias matches.
	 * @param reply suggestions
	 * @return the result
	 */
	static CommandResult noMatch(String reply) {
		return said(CommandOutcome.NO_MATCH, reply);
	}

	/**
	 * The help listing, or why it could not be given.
	 * @param reply the listing
	 * @return the result
	 */
	static CommandResult help(String reply) {
		return said(CommandOutcome.HELP, reply);
	}

	/**
	 * Refused before st2 was asked (too long, too fast) or by st2; nothing ran.
	 * @param reply why
	 * @return the result
	 */
	static CommandResult refused(String reply) {
		return said(CommandOutcome.REFUSED, reply);
	}

	/**
	 * The requester may not run this here, or is not mapped to an st2 user; nothing ran.
	 * @param reply why
	 * @return the result
	 */
	static CommandResult denied(String reply) {
		return said(CommandOutcome.DENIED, reply);
	}

	/**
	 * st2 cannot be reached or refused the gateway's credential; nothing ran.
	 * @param reply why
	 * @return the result
	 */
	static CommandResult unavailable(String reply) {
		return said(CommandOutcome.UNAVAILABLE, reply);
	}

	/**
	 * The line was not meant for the gateway; no reply.
	 * @return the result
	 */
	static CommandResult ignored() {
		return said(CommandOutcome.IGNORED, null);
	}

	/**
	 * What the {@code inquiry} built-in did.
	 * @param outcome {@link CommandOutcome#ANSWERED}, {@link CommandOutcome#INQUIRIES},
	 * or how it was refused
	 * @param reply the sentence
	 * @param whisper whether only the requester sees it
	 * @return the result
	 */
	static CommandResult inquiry(CommandOutcome outcome, String reply, boolean whisper) {
		return new CommandResult(outcome, reply, null, null, null, null, null, null, whisper);
	}

	private static CommandResult said(CommandOutcome outcome, String reply) {
		return new CommandResult(outcome, reply, null, null, null, null, null, null, false);
	}

	/**
	 * An execution st2 scheduled.
	 *
	 * @param id execution id
	 * @param webUrl link to it in st2's web UI, or {@code null}
	 */
	public record ExecutionLink(String id, String webUrl) {
	}

}
