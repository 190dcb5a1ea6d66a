package io.github.st2chatops.gateway.alias;

/**
 * One pattern of one alias in a compiled catalog, or the error that stands in its place.
 *
 * @param order position in st2's order (aliases in order, then their patterns)
 * @param alias the alias
 * @param pattern the pattern, {@code null} for an alias-level error
 * @param compiled the compiled format, {@code null} when invalid
 * @param error why the format is invalid, or {@code null}
 * @param firstPhase whether st2's first query returns the alias (it has a format without
 * {@code match_multiple: true})
 * @param secondPhase whether st2's second query returns the alias (it has a format with
 * {@code match_multiple: true})
 */
record CatalogEntry(int order, AliasDefinition alias, FormatPattern pattern, CompiledFormat compiled,
		AliasFormatInvalidException error, boolean firstPhase, boolean secondPhase) {

	/**
	 * Whether the catalog's own matching uses this entry: it compiled and has no default
	 * that st2 would trip over.
	 * @return true when usable
	 */
	boolean usable() {
		return this.compiled != null && this.compiled.undefinedDefaults().isEmpty();
	}

	boolean inPhase(int phase) {
		return (phase == 1) ? this.firstPhase : this.secondPhase;
	}

}
