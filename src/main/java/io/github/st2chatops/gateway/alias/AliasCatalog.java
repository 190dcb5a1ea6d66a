package io.github.st2chatops.gateway.alias;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * An immutable, compiled snapshot of st2's action-aliases that matches chat lines the way
 * st2's {@code get_matching_alias} does, outcome for outcome, without trying every format
 * for every line. Safe to share between threads; replace it as a whole when the aliases
 * change.
 *
 * <p>
 * st2's decision, kept here: the enabled aliases that have a format without
 * {@code match_multiple: true} are tried first, all their formats; more than one matching
 * format (even two of one alias) is ambiguous. Only when none matched, the aliases with a
 * {@code match_multiple} format are tried the same way. On top of st2: when no enabled
 * alias matches but a disabled one would, the outcome says so
 * ({@link MatchOutcome.Disabled}), and formats st2 cannot compile are reported
 * ({@link #invalidFormats()}) and skipped instead of failing every match.
 */
public final class AliasCatalog {

	private static final int[] NO_ENTRIES = new int[0];

	private static final AliasCatalog EMPTY = compile(List.of());

	/**
	 * Regular-expression steps (character reads) the help filter may spend on one display
	 * string: far more than any sensible filter needs on a line of help, a few tens of
	 * milliseconds for one that backtracks without end.
	 */
	static final long HELP_FILTER_BUDGET = 50_000;

	private final List<AliasDefinition> aliases;

	private final List<InvalidFormat> invalidFormats;

	private final CatalogEntry[] entries;

	private final int[] errorEntries;

	private final int[] allEntries;

	private final FormatIndex index;

	private AliasCatalog(List<AliasDefinition> aliases, List<InvalidFormat> invalidFormats,
			List<CatalogEntry> entries) {
		this.aliases = aliases;
		this.invalidFormats = invalidFormats;
		this.entries = entries.toArray(new CatalogEntry[0]);
		this.errorEntries = entries.stream().filter((e) -> e.error() != null).mapToInt(CatalogEntry::order).toArray();
		this.allEntries = entries.stream().filter((e) -> e.error() == null).mapToInt(CatalogEntry::order).toArray();
		this.index = FormatIndex.build(entries);
	}

	/**
	 * Compiles a catalog. Never fails for a bad format: it is reported in
	 * {@link #invalidFormats()} and skipped.
	 * @param aliases every alias, enabled and disabled, in st2's order ({@code null}
	 * elements are left out)
	 * @return the catalog
	 */
	public static AliasCatalog compile(List<AliasDefinition> aliases) {
		return compile(aliases, new CompiledFormatCache());
	}

	/**
	 * Compiles a catalog, taking the formats the cache already holds from it and
	 * compiling only the others; the cache then holds this catalog's formats.
	 * @param aliases every alias, enabled and disabled, in st2's order ({@code null}
	 * elements are left out)
	 * @param cache the formats of the previous snapshot
	 * @return the catalog
	 */
	static AliasCatalog compile(List<AliasDefinition> aliases, CompiledFormatCache cache) {
		if (aliases == null) {
			aliases = List.of();
		}
		List<AliasDefinition> kept = new ArrayList<>();
		for (AliasDefinition alias : aliases) {
			if (alias != null) {
				kept.add(alias);
			}
		}
		Map<String, Object> compiledByFormat = cache.prepare(formatStrings(kept));
		List<InvalidFormat> invalid = new ArrayList<>();
		List<CatalogEntry> entries = new ArrayList<>();
		for (AliasDefinition alias : kept) {
			addEntries(alias, entries, invalid, compiledByFormat);
		}
		return new AliasCatalog(List.copyOf(kept), List.copyOf(invalid), entries);
	}

	/**
	 * The format strings st2 would compile for the aliases; entries that fail before that
	 * are left to {@link #addEntries}, which reports them.
	 */
	private static List<String> formatStrings(List<AliasDefinition> aliases) {
		List<String> formats = new ArrayList<>();
		for (AliasDefinition alias : aliases) {
			for (Object entry : alias.formats()) {
				try {
					for (FormatPattern pattern : AliasFormats.patterns(entry)) {
						formats.add(AliasFormats.formatString(pattern.representation()));
					}
				}
				catch (AliasFormatInvalidException ex) {
					// reported with the alias's entries
				}
			}
		}
		return formats;
	}

	private static void addEntries(AliasDefinition alias, List<CatalogEntry> entries, List<InvalidFormat> invalid,
			Map<String, Object> compiledByFormat) {
		boolean firstPhase = false;
		boolean secondPhase = false;
		for (Object entry : alias.formats()) {
			// st2 runs two database queries: formats__match_multiple is None or False,
			// then formats__match_multiple is True; an entry without the key (a plain
			// string too) counts as None
			Object flag = (entry instanceof Map<?, ?> map) ? map.get("match_multiple") : null;
			firstPhase |= flag == null || Boolean.FALSE.equals(flag);
			secondPhase |= Boolean.TRUE.equals(flag);
		}
		List<FormatPattern> patterns = new ArrayList<>();
		AliasFormatInvalidException aliasError = null;
		for (Object entry : alias.formats()) {
			try {
				patterns.addAll(AliasFormats.patterns(entry));
			}
			catch (AliasFormatInvalidException ex) {
				invalid.add(new InvalidFormat(alias.ref(), String.valueOf(entry), ex.reason()));
				if (aliasError == null) {
					aliasError = ex;
				}
			}
		}
		if (aliasError != null) {
			// st2 lists all patterns of an alias before trying any: the error comes first
			entries.add(new CatalogEntry(entries.size(), alias, null, null, aliasError, firstPhase, secondPhase));
		}
		for (FormatPattern pattern : patterns) {
			Object compiled;
			try {
				String format = AliasFormats.formatString(pattern.representation());
				compiled = compiledByFormat.get(format);
			}
			catch (AliasFormatInvalidException ex) {
				compiled = ex;
			}
			if (compiled instanceof AliasFormatInvalidException ex) {
				invalid.add(new InvalidFormat(alias.ref(), String.valueOf(pattern.representation()), ex.reason()));
				entries.add(new CatalogEntry(entries.size(), alias, pattern, null, ex, firstPhase, secondPhase));
				continue;
			}
			CompiledFormat format = (CompiledFormat) compiled;
			for (String name : format.undefinedDefaults()) {
				invalid.add(new InvalidFormat(alias.ref(), format.format(),
						"the default of '" + name + "' names no parameter of the format"));
			}
			entries.add(new CatalogEntry(entries.size(), alias, pattern, format, null, firstPhase, secondPhase));
		}
	}

	/**
	 * A catalog without aliases.
	 * @return the empty catalog
	 */
	public static AliasCatalog empty() {
		return EMPTY;
	}

	/**
	 * Matches a chat line (without the bot's prefix).
	 * @param command the line
	 * @return {@link MatchOutcome.Matched} with the parameters,
	 * {@link MatchOutcome.Ambiguous}, {@link MatchOutcome.Disabled} or
	 * {@link MatchOutcome.NoMatch}
	 */
	public MatchOutcome match(String command) {
		ParsedCommand parsed = ParsedCommand.of(command);
		return toOutcome(decide(parsed, this.index.candidates(parsed), false), parsed);
	}

	/**
	 * Every alias, enabled and disabled, in st2's order.
	 * @return the aliases
	 */
	public List<AliasDefinition> aliases() {
		return this.aliases;
	}

	/**
	 * The formats st2 could not use, which matching skips.
	 * @return the invalid formats, in catalog order
	 */
	public List<InvalidFormat> invalidFormats() {
		return this.invalidFormats;
	}

	/**
	 * How many aliases the catalog holds.
	 * @return the number of aliases
	 */
	public int size() {
		return this.aliases.size();
	}

	/**
	 * The help listing (st2's {@code generate_helpstring_result}): display strings of
	 * enabled aliases, each entry counted in {@code available} when it passes the
	 * filters, and listed when it falls in the page.
	 * @param filter a Python regular expression searched case-insensitively in each
	 * display string, or {@code null}
	 * @param pack only this pack, or {@code null}
	 * @param offset how many passing entries to skip (0: none)
	 * @param limit how many to list (0: all)
	 * @return the help
	 * @throws AliasHelpFilterInvalidException when the filter is not a valid regular
	 * expression
	 * @throws AliasHelpFilterTooCostlyException when the filter needs too much work
	 */
	public AliasHelp help(String filter, String pack, int offset, int limit) {
		Pattern pattern = helpFilter(filter);
		int count = 0;
		Map<String, List<AliasHelp.Entry>> packs = new LinkedHashMap<>();
		for (AliasDefinition alias : this.aliases) {
			if (!alias.enabled() || (pack != null && !pack.isEmpty() && !pack.equals(alias.pack()))) {
				continue;
			}
			for (Object entry : alias.formats()) {
				Object display;
				try {
					display = AliasFormats.normalise(entry).display();
				}
				catch (AliasFormatInvalidException ex) {
					continue;
				}
				if (!(display instanceof String text) || text.isEmpty() || !helpMatches(pattern, text, filter)) {
					continue;
				}
				boolean outside = (offset == 0 && limit > 0 && count >= limit)
						|| (offset > 0 && limit == 0 && count < offset)
						|| (offset > 0 && limit > 0 && (count < offset || count >= offset + limit));
				count++;
				if (!outside) {
					packs.computeIfAbsent(alias.pack(), (p) -> new ArrayList<>())
						.add(new AliasHelp.Entry(alias.ref(), text, alias.description()));
				}
			}
		}
		List<AliasHelp.Pack> grouped = new ArrayList<>();
		packs.forEach((name, list) -> grouped.add(new AliasHelp.Pack(name, list)));
		return new AliasHelp(count, grouped);
	}

	private static boolean helpMatches(Pattern pattern, String display, String filter) {
		try {
			return pattern.matcher(new BoundedText(display, new BoundedText.Budget(HELP_FILTER_BUDGET))).find();
		}
		catch (BoundedText.BudgetExceededException | StackOverflowError ex) {
			// a filter typed in chat must not keep a thread busy, and a listing that
			// silently left entries out would mislead
			throw new AliasHelpFilterTooCostlyException((filter != null) ? filter : "");
		}
	}

	private static Pattern helpFilter(String filter) {
		String source = (filter != null) ? filter : "";
		try {
			return PyRegexTranslator.compile(source, PyRegexParser.IGNORECASE).pattern();
		}
		catch (PyRegexException ex) {
			if (PyRegexException.UNSUPPORTED.equals(ex.pythonType())
					&& ex.getMessage().startsWith(PyRegexTranslator.TOO_COSTLY)) {
				throw new AliasHelpFilterTooCostlyException(source);
			}
			throw new AliasHelpFilterInvalidException(source, ex.getMessage());
		}
	}

	@Override
	public String toString() {
		return "AliasCatalog[aliases=" + this.aliases.size() + ", formats=" + this.entries.length + ", invalid="
				+ this.invalidFormats.size() + ", indexed=" + this.index.indexedCount() + ", unindexed="
				+ this.index.unindexedCount() + "]";
	}

	// ---- matching

	/** How st2's decision came out. */
	enum Kind {

		MATCHED, AMBIGUOUS, DISABLED, NO_MATCH

	}

	/**
	 * A format that matched, with its parameters.
	 *
	 * @param entry the catalog entry
	 * @param parameters the parameters
	 */
	record Hit(CatalogEntry entry, Map<String, String> parameters) {
	}

	/**
	 * st2's decision for a command.
	 *
	 * @param kind the outcome
	 * @param hits the matching formats of the deciding phase
	 */
	record Decision(Kind kind, List<Hit> hits, List<String> gaveUp) {

		Decision(Kind kind, List<Hit> hits) {
			this(kind, hits, List.of());
		}

	}

	int[] candidatesForTest(ParsedCommand parsed) {
		return this.index.candidates(parsed);
	}

	/**
	 * The same decision as {@link #match(String)} but trying every format, for tests.
	 * @param command the command
	 * @return the outcome
	 */
	MatchOutcome matchFullScan(String command) {
		ParsedCommand parsed = ParsedCommand.of(command);
		return toOutcome(decide(parsed, this.allEntries, false), parsed);
	}

	/**
	 * st2's {@code get_matching_alias} as st2 runs it, errors included: an invalid format
	 * reached on the way raises its exception as st2 would (every alias counts as enabled
	 * here, as in st2's query results).
	 * @param command the command
	 * @return the decision
	 * @throws AliasFormatInvalidException where st2 raises {@code re.error},
	 * {@code TypeError} or {@code KeyError}
	 */
	Decision decideStrictly(String command) {
		ParsedCommand parsed = ParsedCommand.of(command);
		return decide(parsed, this.index.candidates(parsed), true);
	}

	/**
	 * st2's {@code match_command_to_alias}: every matching pattern of every alias, one
	 * pass in order, errors included.
	 * @param command the command
	 * @return the matching entries
	 */
	List<Hit> matchAllPatterns(String command) {
		ParsedCommand parsed = ParsedCommand.of(command);
		return scan(parsed, this.index.candidates(parsed), true, (entry) -> true);
	}

	private Decision decide(ParsedCommand parsed, int[] candidates, boolean strict) {
		Set<String> gaveUp = new LinkedHashSet<>();
		for (int phase = 1; phase <= 2; phase++) {
			int current = phase;
			List<Hit> hits = scan(parsed, candidates, strict,
					(entry) -> (strict || entry.alias().enabled()) && entry.inPhase(current), gaveUp);
			if (hits.size() > 1) {
				return new Decision(Kind.AMBIGUOUS, hits);
			}
			if (hits.size() == 1) {
				return new Decision(Kind.MATCHED, hits);
			}
		}
		if (!strict) {
			for (int phase = 1; phase <= 2; phase++) {
				int current = phase;
				List<Hit> hits = scan(parsed, candidates, false,
						(entry) -> !entry.alias().enabled() && entry.inPhase(current), new LinkedHashSet<>());
				if (!hits.isEmpty()) {
					return new Decision(Kind.DISABLED, List.of(hits.get(0)));
				}
			}
		}
		return new Decision(Kind.NO_MATCH, List.of(), List.copyOf(gaveUp));
	}

	private List<Hit> scan(ParsedCommand parsed, int[] candidates, boolean strict, Predicate<CatalogEntry> filter) {
		return scan(parsed, candidates, strict, filter, new LinkedHashSet<>());
	}

	private List<Hit> scan(ParsedCommand parsed, int[] candidates, boolean strict, Predicate<CatalogEntry> filter,
			Set<String> gaveUp) {
		List<Hit> hits = new ArrayList<>(2);
		int[] errors = strict ? this.errorEntries : NO_ENTRIES;
		int i = 0;
		int j = 0;
		while (i < candidates.length || j < errors.length) {
			int order;
			if (j >= errors.length || (i < candidates.length && candidates[i] < errors[j])) {
				order = candidates[i++];
			}
			else {
				order = errors[j++];
			}
			CatalogEntry entry = this.entries[order];
			if (!filter.test(entry)) {
				continue;
			}
			if (entry.error() != null) {
				throw entry.error();
			}
			if (!strict && !entry.usable()) {
				continue;
			}
			Map<String, String> parameters;
			try {
				parameters = entry.compiled().extractWithinBudget(parsed);
			}
			catch (CompiledFormat.GaveUpException ex) {
				// as no match, but said in the outcome when nothing else matches
				gaveUp.add(entry.alias().ref());
				continue;
			}
			if (parameters != null) {
				hits.add(new Hit(entry, parameters));
			}
		}
		return hits;
	}

	private MatchOutcome toOutcome(Decision decision, ParsedCommand parsed) {
		return switch (decision.kind()) {
			case MATCHED -> {
				Hit hit = decision.hits().get(0);
				AliasFormat format = hit.entry().pattern().toAliasFormat();
				yield new MatchOutcome.Matched(hit.entry().alias(), format, parameterSets(hit, format, parsed));
			}
			case AMBIGUOUS -> new MatchOutcome.Ambiguous(decision.hits()
				.stream()
				.map((hit) -> new MatchOutcome.Candidate(hit.entry().alias(), hit.entry().pattern().toAliasFormat()))
				.toList());
			case DISABLED -> {
				Hit hit = decision.hits().get(0);
				yield new MatchOutcome.Disabled(hit.entry().alias(), hit.entry().pattern().toAliasFormat());
			}
			case NO_MATCH -> new MatchOutcome.NoMatch(decision.gaveUp());
		};
	}

	private static List<Map<String, String>> parameterSets(Hit hit, AliasFormat format, ParsedCommand parsed) {
		if (!format.matchMultiple()) {
			return List.of(hit.parameters());
		}
		// st2 extracts every match for a match_multiple format; a match that yields no
		// value would fail st2's request, so the sets stop before it
		List<Map<String, String>> sets = new ArrayList<>();
		for (Map<String, String> parameters : hit.entry().compiled().extractAll(parsed)) {
			if (parameters == null) {
				break;
			}
			sets.add(parameters);
		}
		return sets.isEmpty() ? List.of(hit.parameters()) : Collections.unmodifiableList(sets);
	}

}
