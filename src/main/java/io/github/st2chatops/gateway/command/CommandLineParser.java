package io.github.st2chatops.gateway.command;

/**
 * Applies the prefix rules: {@code !st2 deploy x}, {@code !st2help} (err-stackstorm's
 * form), a line addressed to the bot the platform's way, and bare mode (empty prefix).
 * Recognises the built-ins {@code help}, {@code match} and {@code inquiry}, which take
 * precedence over aliases.
 */
final class CommandLineParser {

	static final String HELP = "help";

	static final String MATCH = "match";

	static final String INQUIRY = "inquiry";

	private final String prefix;

	CommandLineParser(String prefix) {
		this.prefix = prefix;
	}

	CommandLine parse(String text, boolean addressed) {
		String line = (text != null) ? text.strip() : "";
		boolean explicit = addressed;
		if (!this.prefix.isEmpty() && line.startsWith(this.prefix)) {
			String rest = line.substring(this.prefix.length());
			if (rest.isEmpty() || Character.isWhitespace(rest.charAt(0))) {
				line = rest.strip();
				explicit = true;
			}
			else if (startsWithWord(rest, HELP)) {
				// "!st2help", the command err-stackstorm users know
				line = rest;
				explicit = true;
			}
			else if (!addressed) {
				return new CommandLine.NotForUs();
			}
		}
		else if (!this.prefix.isEmpty() && !addressed) {
			return new CommandLine.NotForUs();
		}
		if (line.isEmpty()) {
			return explicit ? new CommandLine.Help("", true) : new CommandLine.NotForUs();
		}
		if (startsWithWord(line, HELP)) {
			return new CommandLine.Help(line.substring(HELP.length()).strip(), explicit);
		}
		if (startsWithWord(line, MATCH)) {
			return new CommandLine.DryRun(line.substring(MATCH.length()).strip(), explicit);
		}
		if (startsWithWord(line, INQUIRY)) {
			return new CommandLine.Inquiry(line.substring(INQUIRY.length()).strip(), explicit);
		}
		return new CommandLine.Alias(line, explicit);
	}

	private static boolean startsWithWord(String line, String word) {
		return line.startsWith(word)
				&& (line.length() == word.length() || Character.isWhitespace(line.charAt(word.length())));
	}

}
