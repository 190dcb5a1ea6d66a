package io.github.st2chatops.gateway.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * st2's parameter casts ({@code st2common/util/casts.py}) with the alias execution
 * controller's override for arrays (split on commas). A failure's message is the one
 * Python gives, which st2 puts into its 400 answer.
 */
final class St2Casts {

	// st2common.expressions.functions.data.NONE_MAGIC_VALUE
	private static final String NONE_MAGIC_VALUE = "%*****__%NONE%__*****%";

	private St2Casts() {
	}

	static Object cast(String type, Object value) {
		return switch (type) {
			case "array" -> castArray(value);
			case "object" -> castObject(value);
			case "boolean" -> castBoolean(value);
			case "integer" -> castInteger(value);
			case "number" -> castNumber(value);
			case "string" -> castString(value);
			default -> value;
		};
	}

	// aliasexecution.cast_array
	private static Object castArray(Object value) {
		if (value instanceof List<?>) {
			return value;
		}
		if (!(value instanceof String string)) {
			throw new IllegalArgumentException("'" + JinjaValues.typeName(value) + "' object has no attribute 'split'");
		}
		List<Object> items = new ArrayList<>();
		for (Object item : JinjaFilters.split(string, ",")) {
			items.add(((String) item).strip());
		}
		return items;
	}

	private static Object castObject(Object value) {
		Object none = castNone(value);
		if (!(none instanceof String string)) {
			return none;
		}
		try {
			return JsonMapper.shared().readValue(string, Object.class);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("malformed node or string: " + JinjaValues.repr(string));
		}
	}

	private static Object castBoolean(Object value) {
		Object none = castNone(value);
		if (!(none instanceof String string)) {
			return none;
		}
		// ast.literal_eval(x.capitalize())
		String capitalized = string.isEmpty() ? string
				: string.substring(0, 1).toUpperCase(Locale.ROOT) + string.substring(1).toLowerCase(Locale.ROOT);
		return switch (capitalized) {
			case "True" -> true;
			case "False" -> false;
			case "None" -> null;
			default -> throw new IllegalArgumentException("malformed node or string: " + JinjaValues.repr(capitalized));
		};
	}

	private static Object castInteger(Object value) {
		Object none = castNone(value);
		if (none instanceof Number number) {
			return number.longValue();
		}
		if (!(none instanceof String string)) {
			throw new IllegalArgumentException(
					"int() argument must be a string, a bytes-like object or a real number, not '"
							+ JinjaValues.typeName(none) + "'");
		}
		try {
			return Long.parseLong(string.strip().replace("_", ""));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("invalid literal for int() with base 10: " + JinjaValues.repr(string));
		}
	}

	private static Object castNumber(Object value) {
		Object none = castNone(value);
		if (none instanceof Number number) {
			return number.doubleValue();
		}
		if (!(none instanceof String string)) {
			throw new IllegalArgumentException(
					"float() argument must be a string or a real number, not '" + JinjaValues.typeName(none) + "'");
		}
		try {
			return Double.parseDouble(string.strip());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("could not convert string to float: " + JinjaValues.repr(string));
		}
	}

	private static Object castString(Object value) {
		if (value == null) {
			return null;
		}
		if (!(value instanceof String)) {
			throw new IllegalArgumentException("Value \"" + JinjaValues.str(value, false)
					+ "\" must either be a string or None. Got \"" + JinjaValues.typeName(value) + "\".");
		}
		return castNone(value);
	}

	private static Object castNone(Object value) {
		return NONE_MAGIC_VALUE.equals(value) ? null : value;
	}

}
