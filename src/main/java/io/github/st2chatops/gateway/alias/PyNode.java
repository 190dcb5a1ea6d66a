package io.github.st2chatops.gateway.alias;

import java.util.ArrayList;
import java.util.List;

/**
 * One item of a parsed Python regular expression, shaped like the items of CPython's
 * {@code re._parser}: the same kinds, the same simplifications and the same equality
 * (value equality for simple items, identity for anything that holds a sub-sequence),
 * because st2's anchor search and CPython's branch optimisations depend on that shape.
 */
sealed interface PyNode {

	/**
	 * A literal code point.
	 *
	 * @param cp the code point
	 */
	record Literal(int cp) implements PyNode {
	}

	/**
	 * Any code point but one ({@code [^x]}).
	 *
	 * @param cp the excluded code point
	 */
	record NotLiteral(int cp) implements PyNode {
	}

	/**
	 * {@code .}.
	 */
	record Any() implements PyNode {
	}

	/**
	 * A zero-width assertion about the position.
	 *
	 * @param code which one
	 */
	record At(AtCode code) implements PyNode {
	}

	/**
	 * A character set.
	 *
	 * @param items its items, a {@link SetItem.Negate} first when negated
	 */
	record In(List<SetItem> items) implements PyNode {
	}

	/**
	 * An alternation.
	 *
	 * @param alternatives two or more sequences
	 */
	record Branch(List<Seq> alternatives) implements PyNode {
	}

	/**
	 * A parenthesised sub-pattern: a capturing group, or a non-capturing group that
	 * changes flags (plain non-capturing groups are unpacked by the parser).
	 *
	 * @param group the group number, or {@code null} when it does not capture
	 * @param addFlags flags turned on inside
	 * @param delFlags flags turned off inside
	 * @param body the contents
	 */
	record Group(Integer group, int addFlags, int delFlags, Seq body) implements PyNode {
	}

	/**
	 * A repeated sub-sequence.
	 *
	 * @param kind greedy, lazy or possessive
	 * @param min minimum count
	 * @param max maximum count, {@link PyRegexParser#MAXREPEAT} for no limit
	 * @param body what repeats
	 */
	record Repeat(RepeatKind kind, long min, long max, Seq body) implements PyNode {
	}

	/**
	 * A look-ahead or look-behind.
	 *
	 * @param negative {@code (?!...)} or {@code (?<!...)}
	 * @param behind look-behind rather than look-ahead
	 * @param body the asserted sequence
	 */
	record Assert(boolean negative, boolean behind, Seq body) implements PyNode {
	}

	/**
	 * A back-reference.
	 *
	 * @param group the group number
	 */
	record GroupRef(int group) implements PyNode {
	}

	/**
	 * {@code (?(group)yes|no)}.
	 *
	 * @param group the group number
	 * @param yes what to match when the group took part
	 * @param no what to match otherwise, or {@code null}
	 */
	record GroupRefExists(int group, Seq yes, Seq no) implements PyNode {
	}

	/**
	 * {@code (?>...)}.
	 *
	 * @param body the contents
	 */
	record Atomic(Seq body) implements PyNode {
	}

	/**
	 * The sequences a node holds: the body of a repeat, group, look-around or atomic
	 * group, the alternatives of a branch, both arms of a conditional. For walks of the
	 * tree that treat every kind of nesting alike.
	 * @param node the node
	 * @return its sequences, empty for a node that holds none
	 */
	static List<Seq> children(PyNode node) {
		if (node instanceof Repeat repeat) {
			return List.of(repeat.body());
		}
		if (node instanceof Group group) {
			return List.of(group.body());
		}
		if (node instanceof Assert assertion) {
			return List.of(assertion.body());
		}
		if (node instanceof Atomic atomic) {
			return List.of(atomic.body());
		}
		if (node instanceof Branch branch) {
			return branch.alternatives();
		}
		if (node instanceof GroupRefExists exists) {
			return (exists.no() != null) ? List.of(exists.yes(), exists.no()) : List.of(exists.yes());
		}
		return List.of();
	}

	/**
	 * Zero-width position assertions.
	 */
	enum AtCode {

		/** {@code ^}. */
		BEGINNING,
		/** {@code \A}. */
		BEGINNING_STRING,
		/** {@code \b}. */
		BOUNDARY,
		/** {@code \B}. */
		NON_BOUNDARY,
		/** {@code $}. */
		END,
		/** {@code \Z}. */
		END_STRING

	}

	/**
	 * Character categories ({@code \d \D \s \S \w \W}).
	 */
	enum Category {

		/** {@code \d}. */
		DIGIT,
		/** {@code \D}. */
		NOT_DIGIT,
		/** {@code \s}. */
		SPACE,
		/** {@code \S}. */
		NOT_SPACE,
		/** {@code \w}. */
		WORD,
		/** {@code \W}. */
		NOT_WORD

	}

	/**
	 * Greediness of a repeat.
	 */
	enum RepeatKind {

		/** {@code *}. */
		GREEDY,
		/** {@code *?}. */
		LAZY,
		/** {@code *+}. */
		POSSESSIVE

	}

	/**
	 * An item of a character set.
	 */
	sealed interface SetItem {

		/**
		 * One code point.
		 *
		 * @param cp the code point
		 */
		record Char(int cp) implements SetItem {
		}

		/**
		 * A range of code points.
		 *
		 * @param lo first
		 * @param hi last
		 */
		record Range(int lo, int hi) implements SetItem {
		}

		/**
		 * A category.
		 *
		 * @param category which
		 */
		record Cat(Category category) implements SetItem {
		}

		/**
		 * Marks a negated set (always first).
		 */
		record Negate() implements SetItem {
		}

	}

	/**
	 * A sequence of items (CPython's {@code SubPattern}). Equality is identity, as in
	 * CPython, where two sub-patterns never compare equal.
	 */
	final class Seq {

		final List<PyNode> nodes;

		Seq() {
			this.nodes = new ArrayList<>();
		}

		Seq(List<PyNode> nodes) {
			this.nodes = new ArrayList<>(nodes);
		}

		int size() {
			return this.nodes.size();
		}

		boolean isEmpty() {
			return this.nodes.isEmpty();
		}

		PyNode get(int index) {
			return this.nodes.get(index);
		}

		@Override
		public String toString() {
			return this.nodes.toString();
		}

	}

}
