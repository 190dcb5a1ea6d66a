package io.github.st2chatops.gateway.alias;

/**
 * A command that a format does not accept (st2's {@code ParseException}).
 */
public abstract sealed class AliasParseException extends RuntimeException
		permits AliasCommandMismatchException, AliasValueMissingException {

	AliasParseException(String message) {
		super(message);
	}

}
