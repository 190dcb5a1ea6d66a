package io.github.st2chatops.gateway.alias;

/**
 * The help filter needed more regular-expression work than one help request may use
 * ({@link AliasCatalog#HELP_FILTER_BUDGET} steps on one display string), or nests repeats
 * that can match empty too deep, so the listing was given up. Typically a filter with
 * nested repeats such as {@code ((.*)*)*zz}, which backtracks exponentially.
 */
public final class AliasHelpFilterTooCostlyException extends RuntimeException {

	private final String filter;

	AliasHelpFilterTooCostlyException(String filter) {
		super("The help filter \"" + filter + "\" needed too much work and was given up");
		this.filter = filter;
	}

	/**
	 * The filter as given.
	 * @return the filter
	 */
	public String filter() {
		return this.filter;
	}

}
