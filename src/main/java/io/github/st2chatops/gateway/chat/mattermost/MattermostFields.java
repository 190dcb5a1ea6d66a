package io.github.st2chatops.gateway.chat.mattermost;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import io.github.st2chatops.gateway.chat.ChatRequest;
import io.github.st2chatops.gateway.chat.ChatRequestProblem;
import io.github.st2chatops.gateway.chat.FormFields;

/**
 * The fields of a Mattermost request: a slash command is form-encoded, an outgoing
 * webhook form-encoded or JSON (strings, numbers and booleans, as text). Both the
 * verifier (the {@code token} field) and the parser read them.
 */
final class MattermostFields {

	private MattermostFields() {
	}

	/**
	 * Reads the fields.
	 * @param request the request
	 * @param jsonMapper reads JSON bodies
	 * @return the fields by name
	 * @throws UnreadableException when the body is not form-encoded or JSON
	 */
	static Map<String, String> read(ChatRequest request, JsonMapper jsonMapper) {
		String contentType = request.header(HttpHeaders.CONTENT_TYPE);
		MediaType mediaType;
		try {
			mediaType = (contentType != null) ? MediaType.parseMediaType(contentType)
					: MediaType.APPLICATION_FORM_URLENCODED;
		}
		catch (IllegalArgumentException ex) {
			throw new UnreadableException(ChatRequestProblem.invalid("The Content-Type is not valid."));
		}
		if (MediaType.APPLICATION_JSON.isCompatibleWith(mediaType)) {
			return jsonFields(request.body(), jsonMapper);
		}
		if (MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(mediaType)) {
			try {
				return FormFields.parse(request.body());
			}
			catch (IllegalArgumentException ex) {
				throw new UnreadableException(ChatRequestProblem.invalid("The body is not form-encoded."));
			}
		}
		throw new UnreadableException(ChatRequestProblem
			.unsupportedMediaType("This endpoint takes application/x-www-form-urlencoded or application/json."));
	}

	private static Map<String, String> jsonFields(byte[] body, JsonMapper jsonMapper) {
		JsonNode payload;
		try {
			payload = jsonMapper.readTree(body);
		}
		catch (JacksonException ex) {
			throw new UnreadableException(ChatRequestProblem.invalid("The body is not JSON."));
		}
		if (payload == null || !payload.isObject()) {
			throw new UnreadableException(ChatRequestProblem.invalid("The body is not a JSON object."));
		}
		Map<String, String> fields = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> field : payload.properties()) {
			JsonNode value = field.getValue();
			if (value.isString()) {
				fields.put(field.getKey(), value.stringValue());
			}
			else if (value.isNumber() || value.isBoolean()) {
				fields.put(field.getKey(), value.asString());
			}
		}
		return fields;
	}

	static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

	/**
	 * A body that cannot be read as fields.
	 */
	static class UnreadableException extends RuntimeException {

		private final transient ChatRequestProblem problem;

		UnreadableException(ChatRequestProblem problem) {
			super(problem.detail());
			this.problem = problem;
		}

		ChatRequestProblem problem() {
			return this.problem;
		}

	}

}
