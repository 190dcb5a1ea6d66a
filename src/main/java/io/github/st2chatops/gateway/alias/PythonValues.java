package io.github.st2chatops.gateway.alias;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Python semantics for the JSON values st2 keeps in alias definitions: truthiness and
 * equality.
 */
final class PythonValues {

	private PythonValues() {
	}

	/**
	 * Python's {@code bool(value)}.
	 * @param value a JSON value
	 * @return false for {@code None}, {@code False}, zero, and empty strings, lists and
	 * maps
	 */
	static boolean truthy(Object value) {
		if (value == null) {
			return false;
		}
		if (value instanceof Boolean bool) {
			return bool;
		}
		if (value instanceof Number number) {
			return number.doubleValue() != 0;
		}
		if (value instanceof CharSequence text) {
			return text.length() > 0;
		}
		if (value instanceof Collection<?> collection) {
			return !collection.isEmpty();
		}
		if (value instanceof Map<?, ?> map) {
			return !map.isEmpty();
		}
		return true;
	}

	/**
	 * Python's {@code ==} for JSON values ({@code True == 1 == 1.0}).
	 * @param a one value
	 * @param b another
	 * @return whether Python says they are equal
	 */
	static boolean equal(Object a, Object b) {
		if (a == null || b == null) {
			return a == b;
		}
		if ((a instanceof Number || a instanceof Boolean) && (b instanceof Number || b instanceof Boolean)) {
			return number(a) == number(b);
		}
		if (a instanceof List<?> left && b instanceof List<?> right) {
			if (left.size() != right.size()) {
				return false;
			}
			for (int i = 0; i < left.size(); i++) {
				if (!equal(left.get(i), right.get(i))) {
					return false;
				}
			}
			return true;
		}
		if (a instanceof Map<?, ?> left && b instanceof Map<?, ?> right) {
			if (left.size() != right.size()) {
				return false;
			}
			for (Map.Entry<?, ?> entry : left.entrySet()) {
				if (!right.containsKey(entry.getKey()) || !equal(entry.getValue(), right.get(entry.getKey()))) {
					return false;
				}
			}
			return true;
		}
		return Objects.equals(a, b);
	}

	private static double number(Object value) {
		if (value instanceof Boolean bool) {
			return bool ? 1 : 0;
		}
		return ((Number) value).doubleValue();
	}

	/**
	 * Python's {@code repr} of a JSON value, close enough for messages.
	 * @param value the value
	 * @return its text
	 */
	static String repr(Object value) {
		if (value == null) {
			return "None";
		}
		if (value instanceof Boolean bool) {
			return bool ? "True" : "False";
		}
		if (value instanceof String text) {
			return "'" + text + "'";
		}
		return String.valueOf(value);
	}

}
