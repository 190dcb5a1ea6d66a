package io.github.st2chatops.gateway.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The two ways st2 renders chatops templates: {@code render_values} (ack
 * {@code format}/{@code extra}, result {@code extra}, immutable parameters: strict, dicts
 * rendered as JSON) and {@code chatops.format_execution_result} (the result message:
 * lenient, the alias's {@code result.format} or chatops' {@code default.j2}).
 */
final class St2Jinja {

	private static final List<String> EXCLUDED_EXECUTION_FIELDS = List.of("trigger", "trigger_type", "trigger_instance",
			"liveaction");

	private St2Jinja() {
	}

	/**
	 * st2common.util.jinja.render_values: each value rendered strictly with
	 * {@code __context} added; dicts and lists go through JSON and back; a value that
	 * renders to itself keeps its type.
	 * @param mapping the values
	 * @param context the variables
	 * @return the rendered values
	 * @throws JinjaException when a value fails to render
	 */
	static Map<String, Object> renderValues(Map<String, Object> mapping, Map<String, Object> context) {
		if (mapping == null || mapping.isEmpty() || context == null || context.isEmpty()) {
			return mapping;
		}
		Map<String, Object> superContext = new LinkedHashMap<>();
		superContext.put("__context", context);
		superContext.putAll(context);
		Map<String, Object> rendered = new LinkedHashMap<>();
		mapping.forEach((key, value) -> {
			boolean structured = value instanceof Map || value instanceof List;
			String source = structured ? JinjaValues.jsonDumps(value, ",", ":")
					: (value instanceof String string) ? string : JinjaValues.str(value, false);
			String output = JinjaTemplate.render(source, superContext, true);
			if (output.equals(source)) {
				rendered.put(key, value);
			}
			else {
				rendered.put(key, structured ? JsonMapper.shared().readValue(output, Object.class) : output);
			}
		});
		return rendered;
	}

	/**
	 * What {@code chatops.format_execution_result} returns.
	 *
	 * @param enabled false when the alias has {@code result.enabled: false}: st2 then
	 * posts nothing
	 * @param message the formatted result
	 * @param extra the rendered {@code result.extra}, or {@code null}
	 */
	record FormattedResult(boolean enabled, String message, Map<String, Object> extra) {

	}

	/**
	 * contrib/chatops/actions/format_execution_result.py.
	 * @param execution the execution as the API returns it
	 * @param alias the alias it ran through, or {@code null}
	 * @param defaultTemplate chatops' default.j2
	 * @return the formatted result
	 * @throws JinjaException when st2 would fail to format it (its workflow then posts
	 * nothing)
	 */
	static FormattedResult formatExecutionResult(Map<String, Object> execution, Map<String, Object> alias,
			String defaultTemplate) {
		Map<String, Object> visible = new LinkedHashMap<>(execution);
		EXCLUDED_EXECUTION_FIELDS.forEach(visible::remove);
		Map<String, Object> context = new LinkedHashMap<>();
		context.put("six", JinjaValues.SIX);
		context.put("execution", visible);
		String template = defaultTemplate;
		boolean enabled = true;
		Map<String, Object> extra = null;
		if (alias != null) {
			context.put("alias", alias);
			Map<String, Object> resultParameters = St2Backend.asMap(alias.get("result"));
			if (resultParameters != null && !resultParameters.isEmpty()) {
				if (Boolean.FALSE.equals(resultParameters.get("enabled"))) {
					enabled = false;
				}
				else {
					if (resultParameters.containsKey("format")) {
						template = (String) resultParameters.get("format");
					}
					if (resultParameters.containsKey("extra")) {
						extra = renderValues(St2Backend.asMap(resultParameters.get("extra")), context);
					}
				}
			}
		}
		String message = JinjaTemplate.render(template, context, false);
		return new FormattedResult(enabled, message, extra);
	}

}
