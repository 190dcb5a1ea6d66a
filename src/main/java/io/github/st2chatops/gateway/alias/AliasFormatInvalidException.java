package io.github.st2chatops.gateway.alias;

/**
 * A format st2 cannot use: Python would not compile the regular expression st2 builds
 * from it, the entry is not a string or a {@code {display, representation}} map, or a
 * default names a parameter the format does not define. st2 fails every match request
 * that reaches such a format; the catalog reports it and skips it instead.
 */
public final class AliasFormatInvalidException extends IllegalArgumentException {

	/**
	 * Python raised {@code TypeError}: the entry or representation has the wrong type.
	 */
	public static final String TYPE_ERROR = "TypeError";

	/** Python raised {@code KeyError}: a default names no parameter of the format. */
	public static final String KEY_ERROR = "KeyError";

	private final String format;

	private final String reason;

	private final String pythonError;

	/**
	 * Creates a new instance.
	 * @param format the format (or the entry, as text)
	 * @param reason what is wrong, readable
	 * @param pythonError the Python exception st2 would raise ({@code re.error},
	 * {@code TypeError}, {@code KeyError} ...)
	 */
	public AliasFormatInvalidException(String format, String reason, String pythonError) {
		super("Invalid alias format \"" + format + "\": " + reason);
		this.format = format;
		this.reason = reason;
		this.pythonError = pythonError;
	}

	/**
	 * The format.
	 * @return the format text
	 */
	public String format() {
		return this.format;
	}

	/**
	 * What is wrong with it.
	 * @return a readable reason
	 */
	public String reason() {
		return this.reason;
	}

	/**
	 * The exception st2 (Python) raises for it.
	 * @return {@code re.error}, {@code OverflowError}, {@code ValueError},
	 * {@code TypeError}, {@code KeyError}, or {@code unsupported} for a pattern Python
	 * accepts that this gateway cannot express
	 */
	public String pythonError() {
		return this.pythonError;
	}

}
