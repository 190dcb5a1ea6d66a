package io.github.st2chatops.gateway.chat;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads JSON bodies that may not be JSON: a chat API's answer, which is a JSON object
 * when the platform says something and may be empty, HTML from a proxy, or anything else
 * when it does not; and an inbound request, which a caller may get wrong. The caller
 * answers {@code null} with its own sentence, never with the body.
 */
public final class JsonBodies {

	private JsonBodies() {
	}

	/**
	 * The JSON object a body holds.
	 * @param jsonMapper the mapper
	 * @param body the body, may be {@code null}
	 * @return the object, or {@code null} when the body is blank, not JSON, or not an
	 * object
	 */
	public static JsonNode objectOrNull(JsonMapper jsonMapper, String body) {
		if (body == null || body.isBlank()) {
			return null;
		}
		try {
			JsonNode node = jsonMapper.readTree(body);
			return node.isObject() ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * The JSON a body holds.
	 * @param jsonMapper the mapper
	 * @param body the raw body
	 * @return the JSON, or {@code null} when the body is not JSON
	 */
	public static JsonNode treeOrNull(JsonMapper jsonMapper, byte[] body) {
		try {
			return jsonMapper.readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * A body read as the given type.
	 * @param <T> the type
	 * @param jsonMapper the mapper
	 * @param body the raw body
	 * @param type the type
	 * @return the value, or {@code null} when the body is not JSON of that shape or is
	 * JSON {@code null}
	 */
	public static <T> T readOrNull(JsonMapper jsonMapper, byte[] body, Class<T> type) {
		try {
			return jsonMapper.readValue(body, type);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
