package io.github.st2chatops.gateway.alias;

import java.util.List;
import java.util.Map;

import io.github.st2chatops.gateway.alias.PyNode.Seq;

/**
 * A parsed Python regular expression.
 *
 * @param pattern the source
 * @param root the top-level sequence
 * @param flags the effective global flags (as CPython's {@code state.flags}, with
 * {@code UNICODE} added unless {@code ASCII})
 * @param groups number of groups plus one (CPython's {@code state.groups})
 * @param groupIndex named groups in definition order, name to number
 * @param groupWidths each group's {@code (min, max)} width, index 0 unused
 */
record PyRegex(String pattern, Seq root, int flags, int groups, Map<String, Integer> groupIndex,
		List<long[]> groupWidths) {

	boolean hasFlag(int flag) {
		return (this.flags & flag) != 0;
	}

}
