package io.github.st2chatops.gateway.st2;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an inquiry's JSON schema asks for, read the way the gateway needs it: the prompt
 * (each property's {@code description}), whether one click can answer it (one boolean, or
 * one string with an {@code enum}), and a typed chat answer turned into the response st2
 * validates. st2 itself validates the answer against the whole schema; this class only
 * shapes it.
 *
 * @param fields the schema's fields in st2's order
 */
public record St2InquirySchema(List<Field> fields) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Slack shows at most 25 buttons in one actions block; fewer stay readable. */
	static final int MAX_CHOICES = 10;

	public St2InquirySchema {
		fields = List.copyOf(fields);
	}

	/**
	 * Reads an inquiry's schema ({@code {"type": "object", "properties": {...}}}).
	 * @param schema the schema, may be empty
	 * @return the schema's fields in st2's order
	 */
	public static St2InquirySchema of(Map<String, Object> schema) {
		List<Field> fields = new ArrayList<>();
		List<?> required = (schema.get("required") instanceof List<?> list) ? list : List.of();
		if (schema.get("properties") instanceof Map<?, ?> properties) {
			properties.forEach((name, value) -> {
				Map<?, ?> property = (value instanceof Map<?, ?> map) ? map : Map.of();
				String type = (property.get("type") instanceof String text) ? text : null;
				String description = (property.get("description") instanceof String text) ? text : null;
				List<String> choices = (property.get("enum") instanceof List<?> values)
						? values.stream().map(String::valueOf).toList() : List.of();
				// st2's draft-3 style "required": true on the property, or draft-4's list
				boolean needed = Boolean.TRUE.equals(property.get("required")) || required.contains(name);
				fields.add(new Field(String.valueOf(name), type, description, choices, needed));
			});
		}
		return new St2InquirySchema(fields);
	}

	/**
	 * The one field a button can answer: a schema of exactly one boolean, or one string
	 * with an {@code enum} of at most ten values.
	 * @return the field, empty when the schema needs the text form
	 */
	public Optional<Field> buttonField() {
		if (this.fields.size() != 1) {
			return Optional.empty();
		}
		Field field = this.fields.get(0);
		if (field.isBoolean()) {
			return Optional.of(field);
		}
		if ("string".equals(field.type()) && !field.choices().isEmpty() && field.choices().size() <= MAX_CHOICES) {
			return Optional.of(field);
		}
		return Optional.empty();
	}

	/**
	 * The prompt: each field's description, or its name when it has none.
	 * @return one line per field
	 */
	public List<String> prompt() {
		return this.fields.stream().map(Field::label).toList();
	}

	/**
	 * An example answer for the text form.
	 * @return a value for a one-field schema, else a JSON object
	 */
	public String example() {
		if (this.fields.size() == 1) {
			return this.fields.get(0).exampleValue();
		}
		Map<String, Object> example = new LinkedHashMap<>();
		for (Field field : this.fields) {
			example.put(field.name(), field.isBoolean() ? Boolean.TRUE : field.exampleValue());
		}
		return JSON.writeValueAsString(example);
	}

	/**
	 * Turns a typed answer into st2's response: a JSON object as given, or a single value
	 * for a one-field schema, converted to the field's type.
	 * @param text what the user typed after the inquiry id
	 * @return the response
	 * @throws IllegalArgumentException with a sentence for chat when it cannot be read
	 */
	public Map<String, Object> answer(String text) {
		String value = text.strip();
		if (value.startsWith("{")) {
			try {
				Object parsed = JSON.readValue(value, Object.class);
				if (parsed instanceof Map<?, ?> map) {
					Map<String, Object> response = new LinkedHashMap<>();
					map.forEach((key, item) -> response.put(String.valueOf(key), item));
					return response;
				}
			}
			catch (JacksonException ex) {
				// falls through to the sentence below
			}
			throw new IllegalArgumentException("That answer is not a JSON object; check its quotes and braces.");
		}
		if (this.fields.size() != 1) {
			throw new IllegalArgumentException("This inquiry asks for " + this.fields.size()
					+ " fields, so answer with a JSON object, e.g. " + example());
		}
		Field field = this.fields.get(0);
		Map<String, Object> response = new LinkedHashMap<>();
		response.put(field.name(), field.convert(value));
		return response;
	}

	/**
	 * One property of the schema.
	 *
	 * @param name the property name
	 * @param type its JSON type, or {@code null}
	 * @param description its description, or {@code null}
	 * @param choices its {@code enum} values as text, empty when it has none
	 * @param required whether the schema requires it
	 */
	public record Field(String name, String type, String description, List<String> choices, boolean required) {

		/**
		 * Whether the field is a boolean.
		 * @return {@code true} for {@code "type": "boolean"}
		 */
		public boolean isBoolean() {
			return "boolean".equals(this.type);
		}

		/**
		 * The field's description, or its name.
		 * @return the label
		 */
		public String label() {
			return (this.description != null && !this.description.isBlank()) ? this.description : this.name;
		}

		String exampleValue() {
			if (isBoolean()) {
				return "yes";
			}
			if (!this.choices.isEmpty()) {
				return this.choices.get(0);
			}
			if ("integer".equals(this.type) || "number".equals(this.type)) {
				return "1";
			}
			return "<" + this.name + ">";
		}

		Object convert(String value) {
			if (isBoolean()) {
				return switch (value.toLowerCase(Locale.ROOT)) {
					case "true", "yes", "y", "approve", "approved", "ok" -> Boolean.TRUE;
					case "false", "no", "n", "reject", "rejected", "deny" -> Boolean.FALSE;
					default -> throw new IllegalArgumentException(
							"'" + this.name + "' is yes or no; '" + value + "' is neither.");
				};
			}
			if ("integer".equals(this.type) || "number".equals(this.type)) {
				try {
					BigDecimal number = new BigDecimal(value);
					if ("integer".equals(this.type)) {
						return number.toBigIntegerExact();
					}
					return number;
				}
				catch (ArithmeticException | NumberFormatException ex) {
					throw new IllegalArgumentException("'" + this.name + "' is a"
							+ ("integer".equals(this.type) ? "n whole" : "") + " number; '" + value + "' is not.");
				}
			}
			if (!this.choices.isEmpty() && !this.choices.contains(value)) {
				throw new IllegalArgumentException("'" + this.name + "' is one of " + String.join(", ", this.choices)
						+ "; '" + value + "' is not.");
			}
			return value;
		}

	}

}
