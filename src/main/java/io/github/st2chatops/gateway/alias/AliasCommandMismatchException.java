package io.github.st2chatops.gateway.alias;

/**
 * The command does not match the format (st2: {@code Command "..." doesn't match format
 * string "..."}).
 */
public final class AliasCommandMismatchException extends AliasParseException {

	AliasCommandMismatchException(String format, String command) {
		super("Command \"" + command + "\" doesn't match format string \"" + format + "\"");
	}

}
