package io.github.st2chatops.gateway.alias;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * st2's handling of an alias's raw format entries: {@code normalise_alias_format_string},
 * {@code list_format_strings_from_aliases} and {@code ActionAliasDB.get_format_strings},
 * with Python's truthiness and iteration rules.
 */
final class AliasFormats {

	private AliasFormats() {
	}

	/**
	 * A normalised entry.
	 *
	 * @param display the display (raw)
	 * @param representation a list for a string entry or a string representation, else
	 * the raw representation ({@code []} when absent or falsy)
	 * @param matchMultiple {@code match_multiple} (raw), {@code false} when absent
	 */
	record Normalised(Object display, Object representation, Object matchMultiple) {
	}

	/**
	 * st2's {@code normalise_alias_format_string}.
	 * @param entry a raw format entry
	 * @return the normalised entry
	 * @throws AliasFormatInvalidException ({@code TypeError}) for an entry that is
	 * neither a string nor a map
	 */
	static Normalised normalise(Object entry) {
		if (entry instanceof String text) {
			return new Normalised(text, List.of(text), Boolean.FALSE);
		}
		if (entry instanceof Map<?, ?> map) {
			Object representation = map.get("representation");
			if (!PythonValues.truthy(representation)) {
				representation = List.of();
			}
			else if (representation instanceof String text) {
				representation = List.of(text);
			}
			Object matchMultiple = map.containsKey("match_multiple") ? map.get("match_multiple") : Boolean.FALSE;
			return new Normalised(map.get("display"), representation, matchMultiple);
		}
		throw new AliasFormatInvalidException(String.valueOf(entry),
				"alias_format '" + PythonValues.repr(entry) + "' is neither a dictionary or string type.",
				AliasFormatInvalidException.TYPE_ERROR);
	}

	/**
	 * The patterns of one format entry, as {@code list_format_strings_from_aliases}
	 * yields them.
	 * @param entry a raw format entry
	 * @return its patterns
	 * @throws AliasFormatInvalidException ({@code TypeError}) for an entry Python cannot
	 * iterate
	 */
	static List<FormatPattern> patterns(Object entry) {
		Normalised normalised = normalise(entry);
		List<FormatPattern> patterns = new ArrayList<>();
		if (PythonValues.truthy(normalised.display()) && length(entry, normalised.representation()) == 0) {
			patterns.add(new FormatPattern(entry, normalised.display(), "", true, null));
			return patterns;
		}
		for (Object representation : iterate(entry, normalised.representation())) {
			patterns
				.add(new FormatPattern(entry, normalised.display(), representation, false, normalised.matchMultiple()));
		}
		return patterns;
	}

	/**
	 * st2's {@code ActionAliasDB.get_format_strings}: what {@code /aliasexecution}
	 * accepts as {@code format}. A string representation is extended character by
	 * character, as st2 does.
	 * @param alias the alias
	 * @return the format strings (raw values)
	 * @throws AliasFormatInvalidException ({@code TypeError}) for a representation Python
	 * cannot iterate
	 */
	static List<Object> formatStrings(AliasDefinition alias) {
		List<Object> result = new ArrayList<>();
		for (Object entry : alias.formats()) {
			if (entry instanceof Map<?, ?> map && PythonValues.truthy(map.get("representation"))) {
				Object representation = map.get("representation");
				if (representation instanceof String text) {
					text.codePoints().forEach((cp) -> result.add(Character.toString(cp)));
				}
				else {
					result.addAll(iterate(entry, representation));
				}
			}
			else {
				result.add(entry);
			}
		}
		return result;
	}

	/**
	 * The format string st2 matches for a representation ({@code alias_format or ""}).
	 * @param representation the raw representation
	 * @return the format string
	 * @throws AliasFormatInvalidException ({@code TypeError}) for a truthy non-string
	 */
	static String formatString(Object representation) {
		if (representation instanceof String text) {
			return text;
		}
		if (!PythonValues.truthy(representation)) {
			return "";
		}
		throw new AliasFormatInvalidException(String.valueOf(representation),
				"expected string or bytes-like object, got " + typeName(representation),
				AliasFormatInvalidException.TYPE_ERROR);
	}

	private static int length(Object entry, Object value) {
		if (value instanceof List<?> list) {
			return list.size();
		}
		if (value instanceof Map<?, ?> map) {
			return map.size();
		}
		throw new AliasFormatInvalidException(String.valueOf(entry),
				"object of type '" + typeName(value) + "' has no len()", AliasFormatInvalidException.TYPE_ERROR);
	}

	private static List<?> iterate(Object entry, Object value) {
		if (value instanceof List<?> list) {
			return list;
		}
		if (value instanceof Map<?, ?> map) {
			return new ArrayList<>(map.keySet());
		}
		throw new AliasFormatInvalidException(String.valueOf(entry), "'" + typeName(value) + "' object is not iterable",
				AliasFormatInvalidException.TYPE_ERROR);
	}

	private static String typeName(Object value) {
		if (value instanceof Boolean) {
			return "bool";
		}
		if (value instanceof Integer || value instanceof Long) {
			return "int";
		}
		if (value instanceof Number) {
			return "float";
		}
		if (value instanceof List) {
			return "list";
		}
		if (value instanceof Map) {
			return "dict";
		}
		return (value != null) ? value.getClass().getSimpleName() : "NoneType";
	}

}
