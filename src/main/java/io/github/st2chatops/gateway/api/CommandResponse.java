package io.github.st2chatops.gateway.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.st2chatops.gateway.command.CommandResult;

/**
 * The JSON answer of {@code POST /api/v1/commands} and {@code /match}: always HTTP 200,
 * whatever the outcome.
 *
 * @param outcome {@code executed}, {@code matched}, {@code help}, {@code no_match},
 * {@code ambiguous}, {@code refused}, {@code denied}, {@code unavailable}
 * @param reply the text chat would show
 * @param alias the alias ref
 * @param format the matched representation
 * @param parameters the extracted parameters
 * @param candidates the alias refs when ambiguous
 * @param execution the execution st2 scheduled
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record CommandResponse(String outcome, String reply, String alias, String format, Map<String, String> parameters,
		List<String> candidates, Execution execution) {

	static CommandResponse from(CommandResult result) {
		Execution execution = (result.execution() != null)
				? new Execution(result.execution().id(), result.execution().webUrl()) : null;
		return new CommandResponse(result.outcome().apiName(), result.reply(), result.alias(), result.format(),
				result.parameters(), result.candidates(), execution);
	}

	/**
	 * An execution st2 scheduled.
	 *
	 * @param id the execution id
	 * @param webUrl its st2 web UI link
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Execution(String id, @JsonProperty("web_url") String webUrl) {
	}

}
