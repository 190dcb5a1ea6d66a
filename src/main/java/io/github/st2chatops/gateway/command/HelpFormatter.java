package io.github.st2chatops.gateway.command;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.st2chatops.gateway.alias.AliasHelp;
import io.github.st2chatops.gateway.alias.MatchOutcome;

/**
 * The texts of the help listing, the no-match suggestions and the ambiguity list.
 */
final class HelpFormatter {

	private static final int SUGGESTIONS = 3;

	private final String prefix;

	private final int defaultLimit;

	HelpFormatter(String prefix, int defaultLimit) {
		this.prefix = prefix;
		this.defaultLimit = defaultLimit;
	}

	String example(String command) {
		return this.prefix.isEmpty() ? command : this.prefix + " " + command;
	}

	String format(HelpRequest request, AliasHelp page) {
		List<AliasHelp.Entry> entries = page.entries();
		if (entries.isEmpty()) {
			if (page.available() > 0) {
				return "No more commands past offset " + request.offset() + " (" + page.available() + " in all).";
			}
			return "No commands match" + describe(request) + ". Try `" + example("help") + "`.";
		}
		StringBuilder text = new StringBuilder();
		text.append("Commands")
			.append(describe(request))
			.append(" (")
			.append(request.offset() + 1)
			.append('-')
			.append(request.offset() + entries.size())
			.append(" of ")
			.append(page.available())
			.append("):");
		for (AliasHelp.Pack pack : page.packs()) {
			text.append("\n\n").append(pack.name()).append(':');
			for (AliasHelp.Entry entry : pack.entries()) {
				text.append("\n  ").append(example(entry.display()));
				if (entry.description() != null && !entry.description().isBlank()) {
					text.append(" — ").append(entry.description().strip());
				}
			}
		}
		int next = request.offset() + entries.size();
		if (next < page.available()) {
			text.append("\n\nMore: `").append(example("help " + nextPage(request, next))).append('`');
		}
		return text.toString();
	}

	String noMatch(String line, List<AliasHelp.Entry> entries) {
		List<AliasHelp.Entry> closest = closest(line, entries);
		StringBuilder text = new StringBuilder("No command matches `").append(line).append("`.");
		if (!closest.isEmpty()) {
			text.append(" Did you mean:");
			for (AliasHelp.Entry entry : closest) {
				text.append("\n  ").append(example(entry.display()));
			}
		}
		return text.append("\nSee `").append(example("help")).append("` for all commands.").toString();
	}

	String ambiguous(String line, MatchOutcome.Ambiguous ambiguous) {
		StringBuilder text = new StringBuilder("`").append(line)
			.append("` matches more than one command, so nothing ran:");
		for (MatchOutcome.Candidate candidate : ambiguous.candidates()) {
			text.append("\n  ")
				.append(candidate.alias().ref())
				.append(": ")
				.append(candidate.format().representation());
		}
		return text.append("\nAsk an operator to make these formats distinct.").toString();
	}

	private static String describe(HelpRequest request) {
		StringBuilder text = new StringBuilder();
		if (!request.filter().isEmpty()) {
			text.append(" matching '").append(request.filter()).append('\'');
		}
		if (request.pack() != null) {
			text.append(" in pack ").append(request.pack());
		}
		return text.toString();
	}

	private String nextPage(HelpRequest request, int next) {
		List<String> words = new ArrayList<>();
		if (!request.filter().isEmpty()) {
			words.add(request.filter());
		}
		if (request.pack() != null) {
			words.add("pack=" + request.pack());
		}
		if (request.limit() != this.defaultLimit) {
			// the next page keeps the page size asked for
			words.add("limit=" + request.limit());
		}
		words.add("offset=" + next);
		return String.join(" ", words);
	}

	/**
	 * The entries whose display strings share the most words with the line, the leading
	 * words counting most.
	 */
	static List<AliasHelp.Entry> closest(String line, List<AliasHelp.Entry> entries) {
		List<String> lineWords = words(line);
		if (lineWords.isEmpty()) {
			return List.of();
		}
		record Scored(AliasHelp.Entry entry, int score) {
		}
		return entries.stream()
			.map((entry) -> new Scored(entry, score(lineWords, words(entry.display()))))
			.filter((scored) -> scored.score() > 0)
			.sorted(Comparator.comparingInt(Scored::score).reversed())
			.limit(SUGGESTIONS)
			.map(Scored::entry)
			.toList();
	}

	private static int score(List<String> lineWords, List<String> displayWords) {
		int leading = 0;
		while (leading < lineWords.size() && leading < displayWords.size()
				&& lineWords.get(leading).equals(displayWords.get(leading))) {
			leading++;
		}
		Set<String> shared = lineWords.stream().filter(displayWords::contains).collect(Collectors.toSet());
		return leading * 10 + shared.size();
	}

	private static List<String> words(String text) {
		List<String> words = new ArrayList<>();
		for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}_-]+")) {
			if (!word.isEmpty()) {
				words.add(word);
			}
		}
		return words;
	}

}
