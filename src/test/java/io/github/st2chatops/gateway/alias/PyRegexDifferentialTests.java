package io.github.st2chatops.gateway.alias;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random Python regular expressions and texts, with what CPython 3.11.7's
 * {@code re.search} found (the span of the match and of every group), run through the
 * translation to {@code java.util.regex}.
 *
 * <p>
 * The cases leave out what Java's engine cannot reproduce: it keeps a group's capture
 * from a loop iteration it gave back (unless the loop body is exactly one group without
 * groups inside), from zero-width iterations, and from abandoned attempts inside
 * possessive or atomic constructs; and conditionals are approximated. st2's own parameter
 * groups are never in such positions.
 *
 * <p>
 * A second set holds case-insensitive literals and classes against the characters where
 * CPython's folding differs from Java's (Kelvin sign, dotted and dotless i, long s, sharp
 * s, the st ligatures, final sigma, Deseret letters outside the BMP ...), their spans in
 * UTF-16 units.
 */
class PyRegexDifferentialTests {

	@ParameterizedTest
	@ValueSource(strings = { "/alias/python-re-search-cases.json", "/alias/python-re-ignorecase-cases.json" })
	@SuppressWarnings("unchecked")
	void searchWhenTranslatedShouldFindWhatPythonFinds(String resource) throws IOException {
		List<Map<String, Object>> cases;
		try (InputStream in = getClass().getResourceAsStream(resource)) {
			cases = JsonMapper.builder().build().readValue(in, List.class);
		}
		List<String> failures = new ArrayList<>();
		for (Map<String, Object> c : cases) {
			String regex = (String) c.get("regex");
			String text = (String) c.get("text");
			Object actual = search(PyRegexTranslator.compile(regex, (Integer) c.get("flags")), text);
			if (!Objects.equals(actual, c.get("expected"))) {
				failures.add(regex + " flags=" + c.get("flags") + " text=[" + text + "] expected=" + c.get("expected")
						+ " actual=" + actual);
			}
		}
		assertThat(cases).hasSizeGreaterThan(1000);
		assertThat(failures).isEmpty();
	}

	private static List<List<Integer>> search(JavaRegex regex, String text) {
		Matcher matcher = regex.pattern().matcher(text);
		if (!matcher.find()) {
			return null;
		}
		List<List<Integer>> spans = new ArrayList<>();
		spans.add(List.of(matcher.start(), matcher.end()));
		for (int group = 1; group < regex.javaGroups().length; group++) {
			int javaGroup = regex.javaGroups()[group];
			spans.add(List.of(matcher.start(javaGroup), matcher.end(javaGroup)));
		}
		return spans;
	}

}
