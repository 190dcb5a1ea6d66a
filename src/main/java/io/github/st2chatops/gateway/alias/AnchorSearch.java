package io.github.st2chatops.gateway.alias;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.github.st2chatops.gateway.alias.PyNode.At;
import io.github.st2chatops.gateway.alias.PyNode.AtCode;
import io.github.st2chatops.gateway.alias.PyNode.Branch;
import io.github.st2chatops.gateway.alias.PyNode.Group;
import io.github.st2chatops.gateway.alias.PyNode.Seq;

/**
 * st2's {@code search_regex_tokens}: whether a parsed pattern already has a beginning or
 * an end anchor, which decides whether st2 adds {@code ^\s*} or {@code \s*$}.
 */
final class AnchorSearch {

	/** {@code ^} and {@code \A}. */
	static final Set<AtCode> BEGINNING = EnumSet.of(AtCode.BEGINNING, AtCode.BEGINNING_STRING);

	/** {@code $} and {@code \Z}. */
	static final Set<AtCode> END = EnumSet.of(AtCode.END, AtCode.END_STRING);

	private AnchorSearch() {
	}

	/**
	 * Searches the way st2 does: the top-level items, the inside of every group
	 * (recursively), and of an alternation only its second alternative: a quirk kept on
	 * purpose, since it decides which anchors st2 adds.
	 * @param needles the anchors looked for
	 * @param haystack the parsed pattern
	 * @param backwards search from the end (does not change the answer)
	 * @return whether one was found
	 */
	static boolean search(Set<AtCode> needles, Seq haystack, boolean backwards) {
		List<PyNode> nodes = haystack.nodes;
		for (int k = 0; k < nodes.size(); k++) {
			PyNode node = nodes.get(backwards ? nodes.size() - 1 - k : k);
			if (node instanceof Group group) {
				if (search(needles, group.body(), false)) {
					return true;
				}
			}
			else if (node instanceof Branch branch) {
				if (search(needles, branch.alternatives().get(1), false)) {
					return true;
				}
			}
			else if (node instanceof At at && needles.contains(at.code())) {
				return true;
			}
		}
		return false;
	}

}
