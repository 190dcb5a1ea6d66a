package io.github.st2chatops.gateway.alias;

import java.util.List;
import java.util.Map;

/**
 * st2's alias format parser for a single format: compiles a format the way st2 does and
 * extracts parameters from a command with st2's {@code extract_parameters} semantics. For
 * matching a command against a whole catalog use {@link AliasCatalog}.
 */
public final class AliasFormatParser {

	private AliasFormatParser() {
	}

	/**
	 * Compiles a format once, to match many commands.
	 * @param format the format ({@code null} counts as empty)
	 * @return the compiled format
	 * @throws AliasFormatInvalidException when Python would not compile the regex st2
	 * builds from it
	 */
	public static CompiledFormat compile(String format) {
		return CompiledFormat.compile(format);
	}

	/**
	 * st2's {@code extract_parameters(format, command, match_multiple)}.
	 * @param format the format ({@code null} counts as empty)
	 * @param command the command ({@code null} counts as empty)
	 * @param matchMultiple whether to extract every match
	 * @return one parameter map, or with {@code matchMultiple} one per match (possibly
	 * none)
	 * @throws AliasFormatInvalidException when the format is invalid
	 * @throws AliasCommandMismatchException when the command does not match (not with
	 * {@code matchMultiple})
	 * @throws AliasValueMissingException when a match supplied no value and nothing
	 * defaults
	 */
	public static List<Map<String, String>> extractParameters(String format, String command, boolean matchMultiple) {
		CompiledFormat compiled = compile(format);
		return matchMultiple ? compiled.extractAll(command) : List.of(compiled.extract(command));
	}

	/**
	 * st2's {@code extract_parameters_for_action_alias_db}: the same, after checking that
	 * the format is one of the alias's format strings (what {@code /aliasexecution}
	 * accepts).
	 * @param alias the alias
	 * @param format the format
	 * @param command the command
	 * @param matchMultiple whether to extract every match
	 * @return the parameter maps
	 * @throws AliasFormatUnavailableException when the alias has no such format
	 * @see #extractParameters(String, String, boolean)
	 */
	public static List<Map<String, String>> extractParameters(AliasDefinition alias, String format, String command,
			boolean matchMultiple) {
		boolean available = false;
		for (Object candidate : AliasFormats.formatStrings(alias)) {
			if (PythonValues.equal(candidate, format)) {
				available = true;
				break;
			}
		}
		if (!available) {
			throw new AliasFormatUnavailableException(format, alias.name());
		}
		return extractParameters(format, command, matchMultiple);
	}

}
