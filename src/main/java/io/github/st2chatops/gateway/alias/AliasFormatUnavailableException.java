package io.github.st2chatops.gateway.alias;

/**
 * The format is not one of the alias's format strings (st2's {@code ValueError} in
 * {@code extract_parameters_for_action_alias_db}).
 */
public final class AliasFormatUnavailableException extends IllegalArgumentException {

	AliasFormatUnavailableException(String format, String aliasName) {
		super("Format string \"" + format + "\" is not available on the alias \"" + aliasName + "\"");
	}

}
