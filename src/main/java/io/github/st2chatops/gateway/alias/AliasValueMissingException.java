package io.github.st2chatops.gateway.alias;

/**
 * The command matched but gave no value at all, and the format has no default (st2:
 * {@code No value supplied and no default value found.}).
 */
public final class AliasValueMissingException extends AliasParseException {

	AliasValueMissingException() {
		super("No value supplied and no default value found.");
	}

}
