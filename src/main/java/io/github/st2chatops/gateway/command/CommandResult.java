package io.github.st2chatops.gateway.command;

import java.util.List;
import java.util.Map;

/**
 * What running one command gave: the outcome, the reply chat shows, and the details the
 * REST API returns.
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
 */
public record CommandResult(CommandOutcome outcome, String reply, String alias, String format,
		Map<String, String> parameters, List<String> candidates, ExecutionLink execution, Map<String, Object> extra) {

	public CommandResult {
		candidates = (candidates != null) ? List.copyOf(candidates) : List.of();
		extra = (extra != null) ? extra : Map.of();
	}

	static CommandResult of(CommandOutcome outcome, String reply) {
		return new CommandResult(outcome, reply, null, null, null, null, null, null);
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
