package io.github.st2chatops.gateway.command;

/**
 * How a command ended. The lower-case names are part of the REST API.
 */
public enum CommandOutcome {

	/** st2 accepted the execution. */
	EXECUTED,
	/** Dry run: the line would run an alias; nothing ran. */
	MATCHED,
	/** The help listing. */
	HELP,
	/** No alias matches the line. */
	NO_MATCH,
	/** More than one alias format matches the line. */
	AMBIGUOUS,
	/** st2 refused the execution, or the alias is disabled; nothing ran. */
	REFUSED,
	/** The caller may not run this here; nothing ran. */
	DENIED,
	/** st2 could not be reached or authenticated against. */
	UNAVAILABLE,
	/** An st2 inquiry was answered. */
	ANSWERED,
	/** The pending st2 inquiries, listed. */
	INQUIRIES,
	/** The line was not meant for the gateway (bare-mode chatter); no reply. */
	IGNORED;

	/**
	 * The API name, e.g. {@code no_match}.
	 * @return the lower-case name
	 */
	public String apiName() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
