package io.github.st2chatops.gateway.alias;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Python pattern translated for {@code java.util.regex}, with the mapping of Python
 * group numbers to Java ones.
 *
 * @param pattern the Java pattern
 * @param javaGroups Java group number for each Python group number
 * @param groupIndex Python's named groups in definition order, name to Python number
 */
record JavaRegex(Pattern pattern, int[] javaGroups, Map<String, Integer> groupIndex) {

	/**
	 * A group's text after a match.
	 * @param matcher the matcher after a successful match
	 * @param pythonGroup the Python group number
	 * @return the text, or {@code null} when the group took no part
	 */
	String group(Matcher matcher, int pythonGroup) {
		return matcher.group(this.javaGroups[pythonGroup]);
	}

}
