package io.github.st2chatops.gateway.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Renders every case of {@code simulator/jinja/cases.json}, whose expected text Jinja2
 * itself produced with st2's settings (see {@code generate_cases.py} next to it): the
 * sample aliases' ack and result formats, chatops' {@code default.j2}, and the features
 * those use.
 */
class JinjaTemplateTests {

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void renderWhenCaseFromJinja2ShouldMatchJinja2(Map<String, Object> testCase) {
		String template = (String) testCase.get("template");
		Map<String, Object> context = new LinkedHashMap<>(St2Backend.asMap(testCase.get("context")));
		if ("six".equals(context.get("six"))) {
			context.put("six", JinjaValues.SIX);
		}
		boolean strict = (Boolean) testCase.get("strict");
		if (testCase.containsKey("error")) {
			assertThatExceptionOfType(JinjaException.class)
				.isThrownBy(() -> JinjaTemplate.render(template, context, strict))
				.withMessage((String) testCase.get("error"));
		}
		else {
			assertThat(JinjaTemplate.render(template, context, strict)).isEqualTo(testCase.get("expected"));
		}
	}

	@Test
	void parseWhenBlockNotClosedShouldFail() {
		assertThatExceptionOfType(JinjaException.class).isThrownBy(() -> JinjaTemplate.parse("{% if x %}never"))
			.withMessageContaining("endif");
	}

	static Stream<Named<Map<String, Object>>> cases() throws IOException {
		try (InputStream in = JinjaTemplateTests.class.getResourceAsStream("/simulator/jinja/cases.json")) {
			Map<String, Object> file = JsonMapper.shared().readValue(in, new TypeReference<Map<String, Object>>() {
			});
			List<Map<String, Object>> cases = St2Backend.asList(file.get("cases"))
				.stream()
				.map(St2Backend::asMap)
				.toList();
			return cases.stream().map((testCase) -> Named.of((String) testCase.get("name"), testCase));
		}
	}

}
