package io.github.st2chatops.gateway.simulator;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Python semantics for the values a template sees: JSON trees ({@link Map}, {@link List},
 * {@link String}, {@link Number}, {@link Boolean}, {@code null} for {@code None}) plus
 * {@link Undefined} and callables. Templates print values the way Python's {@code str()}
 * does, because st2's messages are rendered by Python.
 */
final class JinjaValues {

	private JinjaValues() {
	}

	/**
	 * A name or attribute that does not exist. Jinja2's {@code Undefined} renders as
	 * nothing and is falsy; its {@code StrictUndefined} (st2's {@code render_values})
	 * fails on any use. Both fail on attribute access.
	 *
	 * @param message Jinja2's message for it
	 */
	record Undefined(String message) {

	}

	/** Something a template can call: a macro, a bound method, a filter-like helper. */
	@FunctionalInterface
	interface Callable {

		Object call(List<Object> args, Map<String, Object> kwargs);

	}

	/** The {@code six} module st2's default result template uses. */
	static final Map<String, Object> SIX = Map.of("iteritems",
			(Callable) (args, kwargs) -> items(args.isEmpty() ? null : args.get(0)));

	static boolean truthy(Object value, boolean strict) {
		if (value instanceof Undefined undefined) {
			if (strict) {
				throw new JinjaException(undefined.message());
			}
			return false;
		}
		if (value == null) {
			return false;
		}
		if (value instanceof Boolean bool) {
			return bool;
		}
		if (value instanceof Number number) {
			return isIntegral(number) ? toBigInteger(number).signum() != 0 : number.doubleValue() != 0.0;
		}
		if (value instanceof String string) {
			return !string.isEmpty();
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
	 * Python's {@code str()} of a value.
	 * @param value the value
	 * @param strict whether an undefined value fails (else prints as nothing)
	 * @return the text
	 */
	static String str(Object value, boolean strict) {
		if (value instanceof Undefined undefined) {
			if (strict) {
				throw new JinjaException(undefined.message());
			}
			return "";
		}
		if (value instanceof String string) {
			return string;
		}
		return repr(value);
	}

	/**
	 * Python's {@code repr()} of a value, as used inside printed lists and dicts.
	 * @param value the value
	 * @return the text
	 */
	static String repr(Object value) {
		if (value == null) {
			return "None";
		}
		if (value instanceof Boolean bool) {
			return bool ? "True" : "False";
		}
		if (value instanceof Number number) {
			return numberRepr(number);
		}
		if (value instanceof String string) {
			return stringRepr(string);
		}
		if (value instanceof Map<?, ?> map) {
			StringBuilder out = new StringBuilder("{");
			Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
			while (entries.hasNext()) {
				Map.Entry<?, ?> entry = entries.next();
				out.append(repr(entry.getKey())).append(": ").append(repr(entry.getValue()));
				if (entries.hasNext()) {
					out.append(", ");
				}
			}
			return out.append('}').toString();
		}
		if (value instanceof List<?> list) {
			StringBuilder out = new StringBuilder("[");
			for (int i = 0; i < list.size(); i++) {
				out.append((i > 0) ? ", " : "").append(repr(list.get(i)));
			}
			return out.append(']').toString();
		}
		if (value instanceof Undefined) {
			return "Undefined";
		}
		return String.valueOf(value);
	}

	static String numberRepr(Number number) {
		if (isIntegral(number)) {
			return toBigInteger(number).toString();
		}
		double value = number.doubleValue();
		if (Double.isNaN(value)) {
			return "nan";
		}
		if (Double.isInfinite(value)) {
			return (value > 0) ? "inf" : "-inf";
		}
		if (value == Math.rint(value) && Math.abs(value) < 1e16) {
			return BigDecimal.valueOf(value).setScale(1).toPlainString();
		}
		BigDecimal decimal = (number instanceof BigDecimal big) ? big : BigDecimal.valueOf(value);
		return decimal.stripTrailingZeros().toPlainString();
	}

	private static String stringRepr(String string) {
		char quote = (string.indexOf('\'') >= 0 && string.indexOf('"') < 0) ? '"' : '\'';
		StringBuilder out = new StringBuilder().append(quote);
		for (int i = 0; i < string.length(); i++) {
			char c = string.charAt(i);
			switch (c) {
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c == quote) {
						out.append('\\').append(c);
					}
					else if (c < 0x20 || c == 0x7f) {
						out.append(String.format("\\x%02x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append(quote).toString();
	}

	/**
	 * Python's {@code type(x).__name__}, as Jinja2 names it in messages.
	 * @param value the value
	 * @return the type name
	 */
	static String typeName(Object value) {
		if (value == null) {
			return "NoneType";
		}
		if (value instanceof Boolean) {
			return "bool";
		}
		if (value instanceof Number number) {
			return isIntegral(number) ? "int" : "float";
		}
		if (value instanceof String) {
			return "str";
		}
		if (value instanceof Map) {
			return "dict";
		}
		if (value instanceof List) {
			return "list";
		}
		return value.getClass().getSimpleName();
	}

	/**
	 * How Jinja2 names the owner of a missing attribute: {@code 'dict object'} or
	 * {@code 'None'}.
	 * @param value the owner
	 * @return the quoted description
	 */
	static String objectDescription(Object value) {
		return (value == null) ? "'None'" : "'" + typeName(value) + " object'";
	}

	static int length(Object value, boolean strict) {
		if (value instanceof Undefined undefined) {
			if (strict) {
				throw new JinjaException(undefined.message());
			}
			return 0;
		}
		if (value instanceof String string) {
			return string.codePointCount(0, string.length());
		}
		if (value instanceof Collection<?> collection) {
			return collection.size();
		}
		if (value instanceof Map<?, ?> map) {
			return map.size();
		}
		throw new JinjaException("object of type '" + typeName(value) + "' has no len()");
	}

	/**
	 * What a {@code for} loop iterates: a list's items, a dict's keys, a string's
	 * characters.
	 * @param value the iterable
	 * @param strict whether an undefined value fails (else iterates nothing)
	 * @return the items
	 */
	static List<Object> iterate(Object value, boolean strict) {
		if (value instanceof Undefined undefined) {
			if (strict) {
				throw new JinjaException(undefined.message());
			}
			return List.of();
		}
		if (value instanceof List<?> list) {
			return new ArrayList<>(list);
		}
		if (value instanceof Map<?, ?> map) {
			return new ArrayList<>(map.keySet());
		}
		if (value instanceof String string) {
			return new ArrayList<>(string.codePoints().mapToObj(Character::toString).toList());
		}
		if (value instanceof Collection<?> collection) {
			return new ArrayList<>(collection);
		}
		throw new JinjaException("'" + typeName(value) + "' object is not iterable");
	}

	/**
	 * A dict's {@code (key, value)} pairs, each a two-item list.
	 * @param value the dict
	 * @return the pairs
	 */
	static List<Object> items(Object value) {
		if (!(value instanceof Map<?, ?> map)) {
			throw new JinjaException("'" + typeName(value) + "' object has no attribute 'items'");
		}
		List<Object> pairs = new ArrayList<>();
		map.forEach((key, item) -> pairs.add(java.util.Arrays.asList(key, item)));
		return pairs;
	}

	static boolean pyEquals(Object left, Object right) {
		if (left instanceof Number a && right instanceof Number b) {
			return compareNumbers(a, b) == 0;
		}
		if (left instanceof List<?> a && right instanceof List<?> b) {
			if (a.size() != b.size()) {
				return false;
			}
			for (int i = 0; i < a.size(); i++) {
				if (!pyEquals(a.get(i), b.get(i))) {
					return false;
				}
			}
			return true;
		}
		if (left instanceof Undefined || right instanceof Undefined) {
			return left instanceof Undefined && right instanceof Undefined;
		}
		return Objects.equals(left, right);
	}

	static int compare(Object left, Object right) {
		if (left instanceof Number a && right instanceof Number b) {
			return compareNumbers(a, b);
		}
		if (left instanceof String a && right instanceof String b) {
			return a.compareTo(b);
		}
		throw new JinjaException(
				"'<' not supported between instances of '" + typeName(left) + "' and '" + typeName(right) + "'");
	}

	static boolean contains(Object container, Object item, boolean strict) {
		if (container instanceof String string) {
			if (!(item instanceof String part)) {
				throw new JinjaException("'in <string>' requires string as left operand, not " + typeName(item));
			}
			return string.contains(part);
		}
		if (container instanceof Map<?, ?> map) {
			return map.containsKey(item);
		}
		for (Object candidate : iterate(container, strict)) {
			if (pyEquals(candidate, item)) {
				return true;
			}
		}
		return false;
	}

	static boolean isIntegral(Number number) {
		return number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte
				|| number instanceof BigInteger;
	}

	static BigInteger toBigInteger(Number number) {
		return (number instanceof BigInteger big) ? big : BigInteger.valueOf(number.longValue());
	}

	private static int compareNumbers(Number a, Number b) {
		if (isIntegral(a) && isIntegral(b)) {
			return toBigInteger(a).compareTo(toBigInteger(b));
		}
		return Double.compare(a.doubleValue(), b.doubleValue());
	}

	/**
	 * Python's {@code json.dumps} with {@code ensure_ascii} and the given separators.
	 * @param value the value
	 * @param itemSeparator between items, {@code ", "} by default in Python
	 * @param keySeparator between a key and its value
	 * @return the JSON text
	 */
	static String jsonDumps(Object value, String itemSeparator, String keySeparator) {
		StringBuilder out = new StringBuilder();
		writeJson(out, value, itemSeparator, keySeparator);
		return out.toString();
	}

	private static void writeJson(StringBuilder out, Object value, String itemSeparator, String keySeparator) {
		if (value == null || value instanceof Undefined) {
			out.append("null");
		}
		else if (value instanceof Boolean bool) {
			out.append(bool ? "true" : "false");
		}
		else if (value instanceof Number number) {
			out.append(numberRepr(number));
		}
		else if (value instanceof String string) {
			out.append('"');
			for (int i = 0; i < string.length(); i++) {
				char c = string.charAt(i);
				switch (c) {
					case '"' -> out.append("\\\"");
					case '\\' -> out.append("\\\\");
					case '\n' -> out.append("\\n");
					case '\r' -> out.append("\\r");
					case '\t' -> out.append("\\t");
					case '\b' -> out.append("\\b");
					case '\f' -> out.append("\\f");
					default -> {
						if (c < 0x20 || c > 0x7e) {
							out.append(String.format("\\u%04x", (int) c));
						}
						else {
							out.append(c);
						}
					}
				}
			}
			out.append('"');
		}
		else if (value instanceof Map<?, ?> map) {
			out.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				out.append(first ? "" : itemSeparator);
				first = false;
				writeJson(out, String.valueOf(entry.getKey()), itemSeparator, keySeparator);
				out.append(keySeparator);
				writeJson(out, entry.getValue(), itemSeparator, keySeparator);
			}
			out.append('}');
		}
		else if (value instanceof Collection<?> list) {
			out.append('[');
			boolean first = true;
			for (Object item : list) {
				out.append(first ? "" : itemSeparator);
				first = false;
				writeJson(out, item, itemSeparator, keySeparator);
			}
			out.append(']');
		}
		else {
			writeJson(out, String.valueOf(value), itemSeparator, keySeparator);
		}
	}

}
