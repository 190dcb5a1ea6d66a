package io.github.st2chatops.gateway.alias;

/**
 * A text that a regular expression may read only so many characters of. st2's regexes
 * (several lazy {@code .+?} parameters, and whatever the alias author wrote) can
 * backtrack for minutes on a long chat line that starts like a format and then does not
 * match it; st2 hangs there, the gateway gives up on that format after a bounded amount
 * of work.
 */
final class BoundedText implements CharSequence {

	/**
	 * Character reads one attempt may make: a few milliseconds of matching, thousands of
	 * times what a realistic command needs.
	 */
	static final int BUDGET = 1_000_000;

	private final String text;

	private int remaining;

	BoundedText(String text) {
		this(text, BUDGET);
	}

	BoundedText(String text, int budget) {
		this.text = text;
		this.remaining = budget;
	}

	@Override
	public int length() {
		return this.text.length();
	}

	@Override
	public char charAt(int index) {
		if (--this.remaining < 0) {
			throw BudgetExceededException.INSTANCE;
		}
		return this.text.charAt(index);
	}

	@Override
	public CharSequence subSequence(int start, int end) {
		return this.text.substring(start, end);
	}

	@Override
	public String toString() {
		return this.text;
	}

	/**
	 * The budget ran out: the attempt counts as no match.
	 */
	static final class BudgetExceededException extends RuntimeException {

		static final BudgetExceededException INSTANCE = new BudgetExceededException();

		private BudgetExceededException() {
			super("regular expression gave up: too much backtracking", null, false, false);
		}

	}

}
