package io.github.st2chatops.gateway.simulator;

import java.math.BigInteger;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import io.github.st2chatops.gateway.simulator.JinjaValues.Callable;
import io.github.st2chatops.gateway.simulator.JinjaValues.Undefined;

/**
 * Attribute access, Jinja2's built-in filters and tests that st2 templates use, and st2's
 * own filters ({@code to_json_string}, {@code to_yaml_string},
 * {@code to_human_time_from_seconds}) and test ({@code in}).
 */
final class JinjaFilters {

	private JinjaFilters() {
	}

	/**
	 * {@code value.name}: Jinja2 tries the Python attribute first (so {@code d.items} is
	 * the method), then the item.
	 * @param target the owner
	 * @param name the attribute
	 * @return the value or an {@link Undefined}
	 */
	static Object getAttribute(Object target, String name) {
		if (target instanceof Undefined undefined) {
			throw new JinjaException(undefined.message());
		}
		Object method = method(target, name);
		if (method != null) {
			return method;
		}
		if (target instanceof Map<?, ?> map && map.containsKey(name)) {
			return map.get(name);
		}
		return new Undefined(JinjaValues.objectDescription(target) + " has no attribute '" + name + "'");
	}

	/**
	 * {@code value[key]}: the item first, then the attribute.
	 * @param target the owner
	 * @param key the key or index
	 * @return the value or an {@link Undefined}
	 */
	static Object getItem(Object target, Object key) {
		if (target instanceof Undefined undefined) {
			throw new JinjaException(undefined.message());
		}
		if (target instanceof Map<?, ?> map && map.containsKey(key)) {
			return map.get(key);
		}
		if ((target instanceof List<?> || target instanceof String) && key instanceof Number number) {
			int size = (target instanceof List<?> list) ? list.size() : ((String) target).length();
			int index = number.intValue();
			index = (index < 0) ? size + index : index;
			if (index >= 0 && index < size) {
				return (target instanceof List<?> list) ? list.get(index)
						: String.valueOf(((String) target).charAt(index));
			}
			return new Undefined(JinjaValues.objectDescription(target) + " has no element " + number);
		}
		if (key instanceof String name) {
			Object method = method(target, name);
			if (method != null) {
				return method;
			}
			return new Undefined(JinjaValues.objectDescription(target) + " has no attribute '" + name + "'");
		}
		return new Undefined(JinjaValues.objectDescription(target) + " has no element " + JinjaValues.repr(key));
	}

	// the few Python methods templates call: dict.items()/keys()/values()/get(),
	// str.split() ...
	private static Object method(Object target, String name) {
		if (target instanceof Map<?, ?> map) {
			return switch (name) {
				case "items" -> (Callable) (args, kwargs) -> JinjaValues.items(map);
				case "keys" -> (Callable) (args, kwargs) -> new ArrayList<Object>(map.keySet());
				case "values" -> (Callable) (args, kwargs) -> new ArrayList<Object>(map.values());
				case "get" -> (Callable) (args, kwargs) -> map.containsKey(args.get(0)) ? map.get(args.get(0))
						: ((args.size() > 1) ? args.get(1) : null);
				default -> null;
			};
		}
		if (target instanceof String string) {
			return switch (name) {
				case "split" ->
					(Callable) (args, kwargs) -> split(string, args.isEmpty() ? null : (String) args.get(0));
				case "strip" -> (Callable) (args, kwargs) -> string.strip();
				case "lstrip" -> (Callable) (args, kwargs) -> string.stripLeading();
				case "rstrip" -> (Callable) (args, kwargs) -> string.stripTrailing();
				case "lower" -> (Callable) (args, kwargs) -> string.toLowerCase(Locale.ROOT);
				case "upper" -> (Callable) (args, kwargs) -> string.toUpperCase(Locale.ROOT);
				case "startswith" -> (Callable) (args, kwargs) -> string.startsWith((String) args.get(0));
				case "endswith" -> (Callable) (args, kwargs) -> string.endsWith((String) args.get(0));
				case "replace" ->
					(Callable) (args, kwargs) -> string.replace((String) args.get(0), (String) args.get(1));
				default -> null;
			};
		}
		return null;
	}

	// Python's str.split: no separator splits on runs of whitespace and drops empty parts
	static List<Object> split(String string, String separator) {
		if (separator == null) {
			String stripped = string.strip();
			return stripped.isEmpty() ? new ArrayList<>() : new ArrayList<>(Arrays.asList(stripped.split("\\s+")));
		}
		List<Object> parts = new ArrayList<>();
		int from = 0;
		int at;
		while ((at = string.indexOf(separator, from)) >= 0) {
			parts.add(string.substring(from, at));
			from = at + separator.length();
		}
		parts.add(string.substring(from));
		return parts;
	}

	static Object filter(String name, Object value, List<Object> args, Map<String, Object> kwargs, boolean strict) {
		switch (name) {
			case "default", "d": {
				Object fallback = arg(args, kwargs, 0, "default_value", "");
				boolean onFalsy = JinjaValues.truthy(arg(args, kwargs, 1, "boolean", false), false);
				if (value instanceof Undefined || (onFalsy && !JinjaValues.truthy(value, false))) {
					return fallback;
				}
				return value;
			}
			case "length", "count":
				return (long) JinjaValues.length(value, strict);
			case "string":
				return JinjaValues.str(value, strict);
			case "trim":
				return JinjaValues.str(value, strict).strip();
			case "lower":
				return JinjaValues.str(value, strict).toLowerCase(Locale.ROOT);
			case "upper":
				return JinjaValues.str(value, strict).toUpperCase(Locale.ROOT);
			case "capitalize": {
				String text = JinjaValues.str(value, strict);
				return text.isEmpty() ? text
						: text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1).toLowerCase(Locale.ROOT);
			}
			case "replace":
				return JinjaValues.str(value, strict)
					.replace(JinjaValues.str(args.get(0), strict), JinjaValues.str(args.get(1), strict));
			case "join":
				return joined(value, JinjaValues.str(arg(args, kwargs, 0, "d", ""), strict),
						arg(args, kwargs, 1, "attribute", null), strict);
			case "first": {
				List<Object> items = JinjaValues.iterate(value, strict);
				return items.isEmpty() ? new Undefined("No first item, sequence was empty.") : items.get(0);
			}
			case "last": {
				List<Object> items = JinjaValues.iterate(value, strict);
				return items.isEmpty() ? new Undefined("No last item, sequence was empty.")
						: items.get(items.size() - 1);
			}
			case "list":
				return JinjaValues.iterate(value, strict);
			case "items":
				return (value instanceof Undefined) ? List.of() : JinjaValues.items(value);
			case "int":
				return toInteger(value, strict);
			case "float":
				return Double.valueOf(JinjaValues.str(value, strict).strip());
			case "abs":
				return arithmetic("abs", value, null);
			case "map": {
				Object attribute = kwargs.get("attribute");
				List<Object> mapped = new ArrayList<>();
				for (Object item : JinjaValues.iterate(value, strict)) {
					mapped.add((attribute != null) ? attributePath(item, attribute)
							: filter((String) args.get(0), item, args.subList(1, args.size()), Map.of(), strict));
				}
				return mapped;
			}
			case "select", "reject", "selectattr", "rejectattr": {
				boolean byAttribute = name.endsWith("attr");
				boolean keep = name.startsWith("select");
				int testAt = byAttribute ? 1 : 0;
				List<Object> kept = new ArrayList<>();
				for (Object item : JinjaValues.iterate(value, strict)) {
					Object subject = byAttribute ? attributePath(item, args.get(0)) : item;
					boolean outcome = (args.size() > testAt)
							? test((String) args.get(testAt), subject, args.subList(testAt + 1, args.size()), strict)
							: JinjaValues.truthy(subject, strict);
					if (outcome == keep) {
						kept.add(item);
					}
				}
				return kept;
			}
			case "to_json_string":
				return JinjaValues.jsonDumps(value, ",", ": ");
			case "to_yaml_string":
				return toYaml(value);
			case "to_human_time_from_seconds":
				return humanTime(value);
			default:
				throw new JinjaException("No filter named '" + name + "'.");
		}
	}

	private static String joined(Object value, String separator, Object attribute, boolean strict) {
		List<String> parts = new ArrayList<>();
		for (Object item : JinjaValues.iterate(value, strict)) {
			parts.add(JinjaValues.str((attribute != null) ? attributePath(item, attribute) : item, strict));
		}
		return String.join(separator, parts);
	}

	static boolean test(String name, Object value, List<Object> args, boolean strict) {
		return switch (name) {
			case "defined" -> !(value instanceof Undefined);
			case "undefined" -> value instanceof Undefined;
			case "none" -> value == null;
			case "string" -> value instanceof String;
			case "mapping" -> value instanceof Map;
			case "number" -> value instanceof Number;
			case "integer" -> value instanceof Number number && JinjaValues.isIntegral(number);
			case "float" -> value instanceof Number number && !JinjaValues.isIntegral(number);
			case "boolean" -> value instanceof Boolean;
			case "true" -> Boolean.TRUE.equals(value);
			case "false" -> Boolean.FALSE.equals(value);
			case "sequence", "iterable" -> value instanceof List || value instanceof String || value instanceof Map;
			case "in" -> JinjaValues.contains(args.get(0), value, strict);
			case "equalto", "eq", "==" -> JinjaValues.pyEquals(value, args.get(0));
			case "ne", "!=" -> !JinjaValues.pyEquals(value, args.get(0));
			case "lt", "lessthan", "<" -> JinjaValues.compare(value, args.get(0)) < 0;
			case "gt", "greaterthan", ">" -> JinjaValues.compare(value, args.get(0)) > 0;
			case "le", "<=" -> JinjaValues.compare(value, args.get(0)) <= 0;
			case "ge", ">=" -> JinjaValues.compare(value, args.get(0)) >= 0;
			case "odd" -> JinjaValues.toBigInteger((Number) value).testBit(0);
			case "even" -> !JinjaValues.toBigInteger((Number) value).testBit(0);
			case "lower" -> value instanceof String text && text.equals(text.toLowerCase(Locale.ROOT));
			case "upper" -> value instanceof String text && text.equals(text.toUpperCase(Locale.ROOT));
			default -> throw new JinjaException("No test named '" + name + "'.");
		};
	}

	static Object arithmetic(String operator, Object left, Object right) {
		if (left instanceof Undefined undefined) {
			throw new JinjaException(undefined.message());
		}
		if (right instanceof Undefined undefined) {
			throw new JinjaException(undefined.message());
		}
		if (operator.equals("+") && left instanceof String a && right instanceof String b) {
			return a + b;
		}
		if (operator.equals("+") && left instanceof List<?> a && right instanceof List<?> b) {
			List<Object> joined = new ArrayList<>(a);
			joined.addAll(b);
			return joined;
		}
		if (operator.equals("*") && left instanceof String a && right instanceof Number b) {
			return a.repeat(Math.max(0, b.intValue()));
		}
		if (!(left instanceof Number a) || (right != null && !(right instanceof Number))) {
			throw new JinjaException("unsupported operand type(s) for " + operator + ": '" + JinjaValues.typeName(left)
					+ "'" + ((right != null) ? " and '" + JinjaValues.typeName(right) + "'" : ""));
		}
		Number b = (Number) right;
		boolean integral = JinjaValues.isIntegral(a) && (b == null || JinjaValues.isIntegral(b));
		if (integral) {
			BigInteger x = JinjaValues.toBigInteger(a);
			BigInteger y = (b != null) ? JinjaValues.toBigInteger(b) : null;
			switch (operator) {
				case "+":
					return narrow(x.add(y));
				case "-":
					return narrow(x.subtract(y));
				case "*":
					return narrow(x.multiply(y));
				case "//":
					return narrow(floorDivide(x, y));
				case "%":
					return narrow(x.subtract(floorDivide(x, y).multiply(y)));
				case "**":
					return narrow(x.pow(y.intValueExact()));
				case "neg":
					return narrow(x.negate());
				case "pos":
					return narrow(x);
				case "abs":
					return narrow(x.abs());
				default:
					break;
			}
		}
		double x = a.doubleValue();
		double y = (b != null) ? b.doubleValue() : 0;
		return switch (operator) {
			case "+" -> x + y;
			case "-" -> x - y;
			case "*" -> x * y;
			case "/" -> x / y;
			case "//" -> Math.floor(x / y);
			case "%" -> x - Math.floor(x / y) * y;
			case "**" -> Math.pow(x, y);
			case "neg" -> -x;
			case "abs" -> Math.abs(x);
			default -> x;
		};
	}

	private static BigInteger floorDivide(BigInteger x, BigInteger y) {
		BigInteger[] quotient = x.divideAndRemainder(y);
		return (quotient[1].signum() != 0 && quotient[1].signum() != y.signum()) ? quotient[0].subtract(BigInteger.ONE)
				: quotient[0];
	}

	private static Number narrow(BigInteger value) {
		return (value.bitLength() < 64) ? (Number) value.longValue() : value;
	}

	private static Object toInteger(Object value, boolean strict) {
		if (value instanceof Number number) {
			return JinjaValues.isIntegral(number) ? number : (long) number.doubleValue();
		}
		try {
			return Long.parseLong(JinjaValues.str(value, strict).strip());
		}
		catch (NumberFormatException ex) {
			return 0L;
		}
	}

	// Jinja2's make_attrgetter: "a.b.0" walks items, digits are indexes
	private static Object attributePath(Object item, Object path) {
		Object current = item;
		for (String part : String.valueOf(path).split("\\.")) {
			Object key = part.chars().allMatch(Character::isDigit) ? (Object) Long.valueOf(part) : part;
			current = getItem(current, key);
		}
		return current;
	}

	private static Object arg(List<Object> args, Map<String, Object> kwargs, int index, String name, Object fallback) {
		if (args.size() > index) {
			return args.get(index);
		}
		return kwargs.getOrDefault(name, fallback);
	}

	// st2's to_yaml_string is PyYAML's safe_dump(default_flow_style=False), which sorts
	// keys
	private static String toYaml(Object value) {
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		options.setAllowUnicode(true);
		options.setIndent(2);
		return new Yaml(options).dump(sortedKeys(value));
	}

	private static Object sortedKeys(Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> sorted = new TreeMap<>();
			map.forEach((key, item) -> sorted.put(String.valueOf(key), sortedKeys(item)));
			return sorted;
		}
		if (value instanceof List<?> list) {
			return list.stream().map(JinjaFilters::sortedKeys).toList();
		}
		return value;
	}

	// st2's to_human_time_from_seconds, including its "0.2μs" for anything under a second
	static String humanTime(Object value) {
		if (!(value instanceof Number number)) {
			throw new JinjaException("to_human_time_from_seconds expects a number");
		}
		double seconds = number.doubleValue();
		if (seconds == 0) {
			return "0s";
		}
		if (seconds < 1) {
			return JinjaValues.numberRepr(number) + "\u03BCs";
		}
		// st2 adds the seconds to datetime(1, 1, 1) and reads the fields back, so its
		// "days"
		// are the day of the month
		long whole = JinjaValues.isIntegral(number) ? number.longValue() : (long) Math.rint(seconds);
		LocalDateTime offset = LocalDateTime.of(1, 1, 1, 0, 0).plusSeconds(whole);
		long[] parts = { offset.getYear() - 1, offset.getDayOfMonth() - 1, offset.getHour(), offset.getMinute(),
				offset.getSecond() };
		String[] units = { "y", "d", "h", "m", "s" };
		int first = 0;
		while (first < parts.length - 1 && parts[first] == 0) {
			first++;
		}
		StringBuilder out = new StringBuilder();
		for (int i = first; i < parts.length; i++) {
			out.append(parts[i]).append(units[i]);
		}
		return out.toString();
	}

}
