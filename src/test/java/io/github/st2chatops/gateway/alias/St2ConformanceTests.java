package io.github.st2chatops.gateway.alias;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs st2's own parser and matcher cases through the gateway and compares the outcomes
 * with what st2 produced. Every vector runs whatever its kind; error messages are not
 * compared, error classes are (mapped to the gateway's exceptions).
 *
 * <p>
 * The bundled vectors come from st2's unit tests. Another file of the same schema runs
 * instead when the system property {@code st2.conformance.vectors} names it
 * ({@code ./mvnw test -Dtest=St2ConformanceTests -Dst2.conformance.vectors=...}).
 * Mismatches are written to {@code target/st2-conformance-report.json}.
 */
class St2ConformanceTests {

	private static final String BUNDLED = "/alias/st2-alias-parser-public.json";

	private static final String AMBIGUITY = "ActionAliasAmbiguityException";

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void vectorsWhenRunThroughTheGatewayShouldGiveSt2Outcomes() throws IOException {
		String source = vectorSource();
		Map<String, Object> file = readVectors(source);
		List<Map<String, Object>> vectors = list(file.get("vectors"));
		List<Map<String, Object>> mismatches = new ArrayList<>();
		int passed = 0;
		for (Map<String, Object> vector : vectors) {
			Map<String, Object> expected = comparable(map(vector.get("expected")));
			Map<String, Object> actual;
			try {
				actual = comparable(run(vector));
			}
			catch (RuntimeException | StackOverflowError ex) {
				actual = Map.of("crash", String.valueOf(ex));
			}
			if (expected.equals(actual)) {
				passed++;
			}
			else {
				Map<String, Object> mismatch = new LinkedHashMap<>();
				mismatch.put("id", vector.get("id"));
				mismatch.put("kind", vector.get("kind"));
				mismatch.put("vector", vector);
				mismatch.put("actual", actual);
				mismatches.add(mismatch);
			}
		}
		System.out.println("st2 conformance: " + passed + " passed, " + mismatches.size() + " failed");
		writeReport(source, passed, mismatches);
		assertThat(vectors).isNotEmpty();
		assertThat(mismatches).as("mismatches (see target/st2-conformance-report.json)").isEmpty();
	}

	private static String vectorSource() {
		String property = System.getProperty("st2.conformance.vectors");
		return (property == null || property.isBlank() || property.startsWith("${")) ? null : property;
	}

	private Map<String, Object> readVectors(String source) throws IOException {
		if (source != null) {
			return map(this.json.readValue(Path.of(source), Map.class));
		}
		try (InputStream in = St2ConformanceTests.class.getResourceAsStream(BUNDLED)) {
			return map(this.json.readValue(in, Map.class));
		}
	}

	private void writeReport(String source, int passed, List<Map<String, Object>> mismatches) throws IOException {
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("vectors", (source != null) ? source : "classpath:" + BUNDLED);
		report.put("passed", passed);
		report.put("failed", mismatches.size());
		report.put("mismatches", mismatches);
		Path target = Path.of("target");
		Files.createDirectories(target);
		this.json.writerWithDefaultPrettyPrinter()
			.writeValue(target.resolve("st2-conformance-report.json").toFile(), report);
	}

	// ---- running one vector

	private Map<String, Object> run(Map<String, Object> v) {
		String kind = (String) v.get("kind");
		return switch (kind) {
			case "extract_parameters" -> outcome(() -> extract((String) v.get("format"), (String) v.get("command"),
					Boolean.TRUE.equals(v.get("match_multiple"))));
			case "extract_parameters_for_action_alias_db" -> outcome(() -> {
				List<Map<String, String>> sets = AliasFormatParser.extractParameters(alias(map(v.get("alias"))),
						(String) v.get("format"), (String) v.get("command"),
						Boolean.TRUE.equals(v.get("match_multiple")));
				return parameters(sets, Boolean.TRUE.equals(v.get("match_multiple")));
			});
			case "match_command_to_alias" -> outcome(() -> {
				AliasCatalog catalog = AliasCatalog.compile(aliases(v.get("aliases")));
				List<Object> matches = new ArrayList<>();
				for (AliasCatalog.Hit hit : catalog.matchAllPatterns((String) v.get("command"))) {
					matches.add(pattern(hit.entry()));
				}
				return Map.of("matches", matches);
			});
			case "get_matching_alias" -> outcome(() -> matchingAlias(v));
			case "list_format_strings_from_aliases" -> outcome(() -> {
				List<Object> patterns = new ArrayList<>();
				for (AliasDefinition alias : aliases(v.get("aliases"))) {
					for (Object entry : alias.formats()) {
						for (FormatPattern pattern : AliasFormats.patterns(entry)) {
							patterns.add(pattern(alias, pattern));
						}
					}
				}
				return Map.of("patterns", patterns);
			});
			case "normalise_alias_format_string" -> outcome(() -> {
				AliasFormats.Normalised normalised = AliasFormats.normalise(v.get("alias_format"));
				Map<String, Object> result = new LinkedHashMap<>();
				result.put("display", normalised.display());
				result.put("representation", normalised.representation());
				result.put("match_multiple", normalised.matchMultiple());
				return result;
			});
			case "match_format_strings" -> outcome(() -> {
				List<Object> matched = new ArrayList<>();
				for (Object format : list(v.get("format_strings"))) {
					CompiledFormat compiled = AliasFormatParser.compile((String) format);
					try {
						compiled.extract((String) v.get("command"));
						matched.add(format);
					}
					catch (AliasParseException ex) {
						// st2 skips formats that raise ParseException
					}
				}
				Map<String, Object> result = new LinkedHashMap<>();
				result.put("matched", matched);
				result.put("exactly_one", Map.of("ok", matched.size() == 1));
				return result;
			});
			case "search_regex_tokens" -> outcome(() -> {
				PyRegex regex = PyRegexParser.parse((String) v.get("regex"), 0);
				boolean end = "end".equals(v.get("needle"));
				boolean found = AnchorSearch.search(end ? AnchorSearch.END : AnchorSearch.BEGINNING, regex.root(),
						Boolean.TRUE.equals(v.get("backwards")));
				return Map.of("found", found);
			});
			default -> Map.of("error", "unknown kind " + kind);
		};
	}

	private static Map<String, Object> extract(String format, String command, boolean matchMultiple) {
		return parameters(AliasFormatParser.extractParameters(format, command, matchMultiple), matchMultiple);
	}

	private static Map<String, Object> parameters(List<Map<String, String>> sets, boolean matchMultiple) {
		Map<String, Object> result = new LinkedHashMap<>();
		if (matchMultiple) {
			result.put("params_list", new ArrayList<>(sets));
		}
		else {
			result.put("params", sets.get(0));
		}
		return result;
	}

	private Map<String, Object> matchingAlias(Map<String, Object> v) {
		AliasCatalog catalog = AliasCatalog.compile(aliases(v.get("aliases")));
		AliasCatalog.Decision decision = catalog.decideStrictly((String) v.get("command"));
		Map<String, Object> result = new LinkedHashMap<>();
		switch (decision.kind()) {
			case MATCHED -> result.put("match", pattern(decision.hits().get(0).entry()));
			case AMBIGUOUS, NO_MATCH -> {
				result.put("error", AMBIGUITY);
				List<Object> matches = new ArrayList<>();
				decision.hits().forEach((hit) -> matches.add(pattern(hit.entry())));
				result.put("matches", matches);
			}
			case DISABLED -> result.put("error", "disabled");
		}
		return result;
	}

	/**
	 * Runs an action, mapping the gateway's exceptions to st2's error classes.
	 */
	private static Map<String, Object> outcome(Supplier<Map<String, Object>> action) {
		try {
			return action.get();
		}
		catch (AliasCommandMismatchException ex) {
			return Map.of("error", "no match");
		}
		catch (AliasValueMissingException ex) {
			return Map.of("error", "ParseException");
		}
		catch (AliasFormatInvalidException ex) {
			return Map.of("error", ex.pythonError());
		}
		catch (AliasFormatUnavailableException ex) {
			return Map.of("error", "ValueError");
		}
		catch (PyRegexException ex) {
			return Map.of("error", ex.pythonType());
		}
	}

	// ---- shapes

	private static List<AliasDefinition> aliases(Object value) {
		List<AliasDefinition> aliases = new ArrayList<>();
		for (Map<String, Object> alias : St2ConformanceTests.<Map<String, Object>>list(value)) {
			aliases.add(alias(alias));
		}
		return aliases;
	}

	private static AliasDefinition alias(Map<String, Object> alias) {
		// the vectors' aliases stand for st2's query results: all enabled
		return new AliasDefinition((String) alias.get("ref"), (String) alias.get("pack"), (String) alias.get("name"),
				null, true, list(alias.get("formats")), null, null);
	}

	private static Map<String, Object> pattern(CatalogEntry entry) {
		return pattern(entry.alias(), entry.pattern());
	}

	private static Map<String, Object> pattern(AliasDefinition alias, FormatPattern pattern) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("alias", alias.ref());
		result.put("format", pattern.format());
		result.put("display", pattern.display());
		result.put("representation", pattern.representation());
		if (!pattern.displayOnly()) {
			result.put("match_multiple", pattern.matchMultiple());
		}
		return result;
	}

	/**
	 * What is compared: error classes (and ambiguity candidates) but not messages,
	 * whether exactly one format matched but not the assertion text.
	 */
	private static Map<String, Object> comparable(Map<String, Object> outcome) {
		Map<String, Object> result = new LinkedHashMap<>(outcome);
		result.remove("exception");
		result.remove("message");
		if (result.get("exactly_one") instanceof Map<?, ?> exactlyOne) {
			result.put("exactly_one", Map.of("ok", exactlyOne.get("ok")));
		}
		return result;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static <T> List<T> list(Object value) {
		return (List<T>) value;
	}

}
