package io.github.st2chatops.gateway.alias;

/**
 * A command that a format does not accept (st2's {@code ParseException}).
 */
public abstract sealed class AliasParseException extends RuntimeException
		permits AliasCommandMismatchException, AliasValueMissingException {

	private final String format;

	private final String command;

	AliasParseException(String message, String format, String command) {
		super(message);
		this.format = format;
		this.command = command;
	}

	/**
	 * The format.
	 * @return the format
	 */
	public String format() {
		return this.format;
	}

	/**
	 * The command.
	 * @return the command as given
	 */
	public String command() {
		return this.command;
	}

}
