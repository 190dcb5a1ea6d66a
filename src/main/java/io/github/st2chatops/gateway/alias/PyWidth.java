package io.github.st2chatops.gateway.alias;

import java.util.List;

import io.github.st2chatops.gateway.alias.PyNode.Any;
import io.github.st2chatops.gateway.alias.PyNode.Atomic;
import io.github.st2chatops.gateway.alias.PyNode.Branch;
import io.github.st2chatops.gateway.alias.PyNode.Group;
import io.github.st2chatops.gateway.alias.PyNode.GroupRef;
import io.github.st2chatops.gateway.alias.PyNode.GroupRefExists;
import io.github.st2chatops.gateway.alias.PyNode.In;
import io.github.st2chatops.gateway.alias.PyNode.Literal;
import io.github.st2chatops.gateway.alias.PyNode.NotLiteral;
import io.github.st2chatops.gateway.alias.PyNode.Repeat;
import io.github.st2chatops.gateway.alias.PyNode.Seq;

/**
 * CPython's {@code SubPattern.getwidth()}: the minimum and maximum number of code points
 * a sequence can match, saturating at {@link #MAXWIDTH} (CPython's {@code 1 << 64}).
 */
final class PyWidth {

	/** Stands for CPython's {@code MAXWIDTH}: anything at least this large. */
	static final long MAXWIDTH = Long.MAX_VALUE;

	private PyWidth() {
	}

	/**
	 * Computes the width of a sequence.
	 * @param seq the sequence
	 * @param groupWidths widths of the groups closed so far, by number
	 * @return {@code {min, max}}
	 */
	static long[] of(Seq seq, List<long[]> groupWidths) {
		long lo = 0;
		long hi = 0;
		for (PyNode node : seq.nodes) {
			if (node instanceof Branch branch) {
				long i = MAXWIDTH;
				long j = 0;
				for (Seq alternative : branch.alternatives()) {
					long[] w = of(alternative, groupWidths);
					i = Math.min(i, w[0]);
					j = Math.max(j, w[1]);
				}
				lo = add(lo, i);
				hi = add(hi, j);
			}
			else if (node instanceof Atomic atomic) {
				long[] w = of(atomic.body(), groupWidths);
				lo = add(lo, w[0]);
				hi = add(hi, w[1]);
			}
			else if (node instanceof Group group) {
				long[] w = of(group.body(), groupWidths);
				lo = add(lo, w[0]);
				hi = add(hi, w[1]);
			}
			else if (node instanceof Repeat repeat) {
				long[] w = of(repeat.body(), groupWidths);
				lo = add(lo, multiply(w[0], repeat.min()));
				if (repeat.max() == PyRegexParser.MAXREPEAT && w[1] != 0) {
					hi = MAXWIDTH;
				}
				else {
					hi = add(hi, multiply(w[1], repeat.max()));
				}
			}
			else if (node instanceof Literal || node instanceof NotLiteral || node instanceof Any
					|| node instanceof In) {
				lo = add(lo, 1);
				hi = add(hi, 1);
			}
			else if (node instanceof GroupRef ref) {
				long[] w = groupWidths.get(ref.group());
				lo = add(lo, w[0]);
				hi = add(hi, w[1]);
			}
			else if (node instanceof GroupRefExists exists) {
				long[] yes = of(exists.yes(), groupWidths);
				long i = yes[0];
				long j = yes[1];
				if (exists.no() != null) {
					long[] no = of(exists.no(), groupWidths);
					i = Math.min(i, no[0]);
					j = Math.max(j, no[1]);
				}
				else {
					i = 0;
				}
				lo = add(lo, i);
				hi = add(hi, j);
			}
		}
		return new long[] { lo, hi };
	}

	private static long add(long a, long b) {
		long sum = a + b;
		return (sum < 0 || a == MAXWIDTH || b == MAXWIDTH) ? MAXWIDTH : sum;
	}

	private static long multiply(long a, long b) {
		if (a == 0 || b == 0) {
			return 0;
		}
		if (a == MAXWIDTH || b == MAXWIDTH || Math.multiplyHigh(a, b) != 0 || a * b < 0) {
			return MAXWIDTH;
		}
		return a * b;
	}

}
