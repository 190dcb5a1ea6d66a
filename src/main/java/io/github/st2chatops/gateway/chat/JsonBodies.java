package io.github.st2chatops.gateway.chat;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the body of a chat API's answer, which is a JSON object when the platform says
 * something and may be empty, HTML from a proxy, or anything else when it does not.
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

}
