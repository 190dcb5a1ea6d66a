package io.github.st2chatops.gateway.command;

/**
 * A chat line after prefix handling: what the gateway is asked to do.
 */
sealed interface CommandLine {

	/** Not for the gateway: no prefix and not addressed. */
	record NotForUs() implements CommandLine {
	}

	/**
	 * The {@code help} built-in.
	 *
	 * @param arguments what follows {@code help}
	 * @param explicit whether the gateway was clearly addressed
	 */
	record Help(String arguments, boolean explicit) implements CommandLine {
	}

	/**
	 * The {@code match} built-in (dry run).
	 *
	 * @param line the line to match
	 * @param explicit whether the gateway was clearly addressed
	 */
	record DryRun(String line, boolean explicit) implements CommandLine {
	}

	/**
	 * A line for the alias catalog.
	 *
	 * @param line the line without prefix
	 * @param explicit whether the user clearly addressed the gateway (prefix, mention,
	 * API) so a non-matching line deserves an answer
	 */
	record Alias(String line, boolean explicit) implements CommandLine {
	}

	/**
	 * The {@code inquiry} built-in: {@code list}, or {@code respond <id> <answer>}.
	 *
	 * @param arguments what follows {@code inquiry}
	 * @param explicit whether the gateway was clearly addressed
	 */
	record Inquiry(String arguments, boolean explicit) implements CommandLine {
	}

}
