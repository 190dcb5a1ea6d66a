package io.github.st2chatops.gateway.alias;

/**
 * A regular expression that CPython's {@code re} module would refuse.
 */
final class PyRegexException extends RuntimeException {

	/** CPython raises {@code re.error} for most refusals. */
	static final String RE_ERROR = "re.error";

	/** CPython raises {@code OverflowError} for a repeat count it cannot hold. */
	static final String OVERFLOW_ERROR = "OverflowError";

	/** CPython raises {@code ValueError} for incompatible global flags. */
	static final String VALUE_ERROR = "ValueError";

	/**
	 * Not a CPython failure: a pattern CPython accepts that has no Java equivalent here.
	 */
	static final String UNSUPPORTED = "unsupported";

	private final String pythonType;

	private final int position;

	PyRegexException(String message, int position) {
		this(message, position, RE_ERROR);
	}

	PyRegexException(String message, int position, String pythonType) {
		super((position >= 0) ? message + " at position " + position : message);
		this.pythonType = pythonType;
		this.position = position;
	}

	/**
	 * The Python exception class CPython would raise.
	 * @return {@code re.error}, {@code OverflowError}, {@code ValueError}, or
	 * {@link #UNSUPPORTED}
	 */
	String pythonType() {
		return this.pythonType;
	}

	/**
	 * Where in the pattern, or -1.
	 * @return the code point index
	 */
	int position() {
		return this.position;
	}

}
