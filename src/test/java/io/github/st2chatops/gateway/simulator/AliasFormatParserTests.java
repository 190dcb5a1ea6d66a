package io.github.st2chatops.gateway.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import io.github.st2chatops.gateway.simulator.AliasFormatParser.AliasParseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AliasFormatParserTests {

	private static final String CONFORMANCE_VECTORS = "/alias/st2-alias-parser-public.json";

	@Test
	void extractWhenDefaultLeftOutShouldUseDefault() {
		assertThat(AliasFormatParser.extractParameters("st2 list {{ limit=10 }} executions", "st2 list executions"))
			.containsExactly(Map.entry("limit", "10"));
	}

	@Test
	void extractWhenKeyValueExtrasShouldAddThem() {
		assertThat(AliasFormatParser.extractParameters("ping {{ host }}", "ping 8.8.8.8 count=3"))
			.containsExactly(Map.entry("host", "8.8.8.8"), Map.entry("count", "3"));
	}

	@Test
	void extractWhenQuotedValueShouldDropQuotes() {
		assertThat(AliasFormatParser.extractParameters("run {{cmd}} on {{hosts}}", "run \"uname -a\" on web01,web02"))
			.containsExactly(Map.entry("cmd", "uname -a"), Map.entry("hosts", "web01,web02"));
	}

	@Test
	void extractWhenCommandDoesNotMatchShouldFailWithSt2Message() {
		assertThatExceptionOfType(AliasParseException.class)
			.isThrownBy(() -> AliasFormatParser.extractParameters("pack get {{ pack }}", "pack show aws"))
			.withMessage("Command \"pack show aws\" doesn't match format string \"pack get {{ pack }}\"");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("st2Vectors")
	void extractWhenSt2ConformanceVectorShouldMatchSt2(Map<String, Object> vector) {
		String format = (String) vector.get("format");
		String command = (String) vector.get("command");
		Map<String, Object> expected = St2Backend.asMap(vector.get("expected"));
		if (vector.get("kind").equals("search_regex_tokens")) {
			Set<String> needles = vector.get("needle").equals("end") ? Set.of("$", "\\Z") : Set.of("^", "\\A");
			List<AliasFormatParser.RegexItem> items = new AliasFormatParser.RegexReader((String) vector.get("regex"))
				.sequence();
			assertThat(AliasFormatParser.search(items, needles, (Boolean) vector.get("backwards")))
				.isEqualTo(expected.get("found"));
		}
		else if (expected.containsKey("params")) {
			assertThat(AliasFormatParser.extractParameters(format, command)).isEqualTo(expected.get("params"));
		}
		else {
			assertThatExceptionOfType(AliasParseException.class)
				.isThrownBy(() -> AliasFormatParser.extractParameters(format, command))
				.withMessage((String) expected.get("message"));
		}
	}

	// the conformance vectors st2's own parser produced, bundled with the alias tests
	static Stream<Named<Map<String, Object>>> st2Vectors() throws IOException {
		Map<String, Object> content;
		try (InputStream in = AliasFormatParserTests.class.getResourceAsStream(CONFORMANCE_VECTORS)) {
			assertThat(in).as(CONFORMANCE_VECTORS).isNotNull();
			content = JsonMapper.shared().readValue(in, new TypeReference<>() {
			});
		}
		List<Map<String, Object>> vectors = St2Backend.asList(content.get("vectors"))
			.stream()
			.map(St2Backend::asMap)
			.toList();
		return vectors.stream()
			.filter((vector) -> Set.of("extract_parameters", "search_regex_tokens").contains(vector.get("kind"))
					|| ("extract_parameters_for_action_alias_db".equals(vector.get("kind"))
							&& !Boolean.TRUE.equals(vector.get("match_multiple"))
							&& !"ValueError".equals(St2Backend.asMap(vector.get("expected")).get("exception"))))
			.filter((vector) -> !Boolean.TRUE.equals(vector.get("match_multiple")))
			.map((vector) -> Named.of(vector.get("id") + " " + vector.get("source"), new LinkedHashMap<>(vector)));
	}

}
