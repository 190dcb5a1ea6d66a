package io.github.st2chatops.gateway.st2;

import java.util.Map;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads {@code extra} of st2's alias execution answer. st2 puts an error text there
 * instead of an object when the alias's {@code ack.extra} does not render (st2's
 * aliasexecution controller, UndefinedError); the execution was scheduled all the same,
 * so that text is dropped rather than failing the whole answer.
 */
class St2AckExtraDeserializer extends ValueDeserializer<Map<String, Object>> {

	@Override
	@SuppressWarnings("unchecked")
	public Map<String, Object> deserialize(JsonParser parser, DeserializationContext context) {
		JsonNode node = context.readTree(parser);
		if (node == null || !node.isObject()) {
			return null;
		}
		return context.readTreeAsValue(node, Map.class);
	}

}
