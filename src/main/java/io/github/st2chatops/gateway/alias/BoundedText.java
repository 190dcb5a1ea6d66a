package io.github.st2chatops.gateway.alias;

/**
 * A text that a regular expression may read only so many characters of. st2's regexes
 * (several lazy {@code .+?} parameters, and whatever the alias author wrote) can
 * backtrack for minutes on a long chat line that starts like a format and then does not
 * match it; st2 hangs there, the gateway gives up on that format after a bounded amount
 * of work.
 *
 * <p>
 * Reads stand for steps: the translator puts a one-character look-ahead at the start of
 * every repeated sub-pattern that is not a single character, so that backtracking which
 * reads nothing (nested repeats that can match empty, such as {@code ((.*)*)*}) still
 * counts (see {@link PyRegexTranslator}). Several texts may share one {@link Budget}, so
 * that one request (a help listing) is bounded as a whole.
 */
final class BoundedText implements CharSequence {

	/**
	 * Character reads one attempt may make: a few milliseconds of matching, thousands of
	 * times what a realistic command needs.
	 */
	static final int BUDGET = 1_000_000;

	private final String text;

	private final Budget budget;

	BoundedText(String text) {
		this(text, BUDGET);
	}

	BoundedText(String text, int budget) {
		this(text, new Budget(budget));
	}

	BoundedText(String text, Budget budget) {
		this.text = text;
		this.budget = budget;
	}

	@Override
	public int length() {
		return this.text.length();
	}

	@Override
	public char charAt(int index) {
		if (--this.budget.remaining < 0) {
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
	 * Reads left for one or more texts. Not thread-safe: one per matching thread.
	 */
	static final class Budget {

		private long remaining;

		Budget(long steps) {
			this.remaining = steps;
		}

		/**
		 * Whether the budget ran out.
		 * @return true once a read was refused
		 */
		long remaining() {
			return this.remaining;
		}

		boolean exhausted() {
			return this.remaining < 0;
		}

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
