package io.github.st2chatops.gateway.alias;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static io.github.st2chatops.gateway.alias.AliasFixtures.alias;
import static io.github.st2chatops.gateway.alias.AliasFixtures.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The index must never change an outcome: matching through it gives exactly what trying
 * every format gives.
 */
class FormatIndexTests {

	@ParameterizedTest
	@ValueSource(strings = { "catalog-100.json", "catalog-1000.json", "catalog-10000.json", "catalog-real.json" })
	void matchWhenUsingIndexShouldEqualFullScanOnBenchCatalog(String name) throws IOException {
		Path file = AliasFixtures.BENCH.resolve(name);
		AliasFixtures.BenchCatalog bench = AliasFixtures.readCatalog(file);
		AliasCatalog catalog = AliasCatalog.compile(bench.aliases());
		int matched = 0;
		for (String command : bench.commands()) {
			MatchOutcome outcome = catalog.match(command);
			assertThat(outcome).as(command).isEqualTo(catalog.matchFullScan(command));
			if (outcome instanceof MatchOutcome.Matched) {
				matched++;
			}
		}
		assertThat(matched).isPositive();
	}

	@ParameterizedTest
	@ValueSource(strings = { "catalog-100.json", "catalog-real.json" })
	void extractWhenLeadingLiteralIsComparedAsTextShouldEqualTheWholeRegex(String name) throws IOException {
		Path file = AliasFixtures.BENCH.resolve(name);
		AliasFixtures.BenchCatalog bench = AliasFixtures.readCatalog(file);
		List<CompiledFormat> formats = new ArrayList<>();
		for (AliasDefinition alias : bench.aliases()) {
			for (Object raw : alias.formats()) {
				for (FormatPattern pattern : AliasFormats.patterns(raw)) {
					try {
						formats.add(AliasFormatParser.compile((String) pattern.representation()));
					}
					catch (AliasFormatInvalidException ex) {
						// reported by the catalog
					}
				}
			}
		}
		assertThat(formats).filteredOn(CompiledFormat::comparesLeadingLiteral).isNotEmpty();
		for (String command : bench.commands()) {
			ParsedCommand parsed = ParsedCommand.of(command);
			for (CompiledFormat format : formats) {
				assertThat(format.tryExtract(parsed)).as("%s / %s", format, command)
					.isEqualTo(format.tryExtractWithWholeRegex(parsed));
			}
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void matchWhenUsingIndexShouldEqualFullScanOnConformanceVectors() throws IOException {
		Map<String, Object> file;
		try (InputStream in = getClass().getResourceAsStream("/alias/st2-alias-parser-public.json")) {
			file = JsonMapper.builder().build().readValue(in, Map.class);
		}
		int compared = 0;
		for (Map<String, Object> vector : (List<Map<String, Object>>) file.get("vectors")) {
			String command = (String) vector.get("command");
			List<AliasDefinition> aliases = new ArrayList<>();
			if (vector.get("aliases") instanceof List<?> list) {
				for (Object alias : list) {
					aliases.add(AliasFixtures.fromSt2((Map<String, Object>) alias));
				}
			}
			else if (vector.get("format") instanceof String format) {
				aliases.add(alias("single", format));
			}
			else {
				continue;
			}
			AliasCatalog catalog = AliasCatalog.compile(aliases);
			assertThat(catalog.match(command)).as(String.valueOf(vector.get("id")))
				.isEqualTo(catalog.matchFullScan(command));
			compared++;
		}
		assertThat(compared).isGreaterThan(50);
	}

	@Test
	void candidatesWhenFormatsShareWordsShouldOnlyReachThoseWithTheCommandsPrefix() {
		AliasCatalog catalog = AliasCatalog.compile(List.of(alias("a", "deploy app {{name}}"),
				alias("b", "deploy db {{name}}"), alias("c", "(configure|cfg) {{x}}"), alias("d", "{{x}} deploy")));
		FormatIndex index = FormatIndex.build(entries(catalog));
		assertThat(index.candidates(ParsedCommand.of("  deploy app web"))).containsExactly(0, 3);
		assertThat(index.candidates(ParsedCommand.of("cfg x"))).containsExactly(2, 3);
		assertThat(index.candidates(ParsedCommand.of("configure x"))).containsExactly(2, 3);
		assertThat(index.candidates(ParsedCommand.of("restart"))).containsExactly(3);
		assertThat(index.unindexedCount()).isEqualTo(1);
	}

	@Test
	void literalPrefixesWhenFormatIsNotAnchoredOrIgnoresCaseShouldBeNone() {
		assertThat(AliasFormatParser.compile("(?:\\b|^)fixes (?P<k>\\w+)").literalPrefixes()).isNull();
		assertThat(AliasFormatParser.compile("(?i)^deploy {{x}}").literalPrefixes()).isNull();
		assertThat(AliasFormatParser.compile("(?m)^deploy {{x}}").literalPrefixes()).isNull();
		assertThat(AliasFormatParser.compile("{{x}} deploy").literalPrefixes()).isNull();
		assertThat(AliasFormatParser.compile("deploy {{x}}").literalPrefixes()).containsExactly("deploy ");
		assertThat(AliasFormatParser.compile("((beep|honk)-?)+ {{vin}}").literalPrefixes()).containsExactly("beep",
				"honk");
		assertThat(AliasFormatParser.compile("pdns create {{ name }} [Aa] ").literalPrefixes())
			.containsExactly("pdns create ");
	}

	@Test
	void matchWhenDisplayOnlyOrBlankFormatShouldStillBeTried() {
		AliasCatalog catalog = AliasCatalog.compile(List.of(alias("a", entry("help only")), alias("b", "go")));
		assertThat(catalog.match("k=v")).isEqualTo(catalog.matchFullScan("k=v"));
		assertThat(catalog.match("k=v")).isInstanceOf(MatchOutcome.Matched.class);
	}

	private static List<CatalogEntry> entries(AliasCatalog catalog) {
		List<CatalogEntry> entries = new ArrayList<>();
		int order = 0;
		for (AliasDefinition alias : catalog.aliases()) {
			for (Object raw : alias.formats()) {
				for (FormatPattern pattern : AliasFormats.patterns(raw)) {
					entries.add(new CatalogEntry(order++, alias, pattern,
							AliasFormatParser.compile((String) pattern.representation()), null, true, false));
				}
			}
		}
		return entries;
	}

}
