package io.github.st2chatops.gateway.alias;

/**
 * One matchable pattern of an alias, as st2's {@code list_format_strings_from_aliases}
 * yields it: for each format entry, one pattern per representation, or a single
 * display-only pattern (representation {@code ""}, no {@code match_multiple}) when the
 * entry has a display and no representation.
 *
 * @param format the raw format entry it came from
 * @param display the entry's display (raw: usually a string, may be {@code null})
 * @param representation the representation (raw: usually a string)
 * @param displayOnly whether this is a display-only pattern
 * @param matchMultiple the entry's {@code match_multiple} (raw), {@code false} when
 * absent; {@code null} for display-only patterns
 */
record FormatPattern(Object format, Object display, Object representation, boolean displayOnly, Object matchMultiple) {

	/**
	 * The pattern as the gateway's {@link AliasFormat}.
	 * @return display (as text), representation (as text) and whether it matches multiple
	 * times
	 */
	AliasFormat toAliasFormat() {
		return new AliasFormat((this.display != null) ? String.valueOf(this.display) : null,
				(this.representation instanceof String text) ? text : AliasFormats.formatString(this.representation),
				PythonValues.truthy(this.matchMultiple));
	}

}
