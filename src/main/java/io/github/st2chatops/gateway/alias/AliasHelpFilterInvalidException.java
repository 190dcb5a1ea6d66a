package io.github.st2chatops.gateway.alias;

/**
 * The help filter is not a regular expression Python would accept.
 */
public final class AliasHelpFilterInvalidException extends IllegalArgumentException {

	private final String filter;

	AliasHelpFilterInvalidException(String filter, String reason) {
		super("The help filter \"" + filter + "\" is not a valid regular expression: " + reason);
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
