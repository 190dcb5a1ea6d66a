package io.github.st2chatops.gateway.alias;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * Aliases and catalogs for the alias tests (and the benchmark).
 */
final class AliasFixtures {

	/** Where the benchmark catalogs are, relative to the project. */
	static final Path BENCH = Path.of("bench", "catalogs");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private AliasFixtures() {
	}

	/**
	 * An enabled alias in pack {@code pack}.
	 * @param name the alias name
	 * @param formats its raw format entries
	 * @return the alias
	 */
	static AliasDefinition alias(String name, Object... formats) {
		return new AliasDefinition("pack." + name, "pack", name, "does " + name, true, Arrays.asList(formats), null,
				null);
	}

	/**
	 * A disabled alias in pack {@code pack}.
	 * @param name the alias name
	 * @param formats its raw format entries
	 * @return the alias
	 */
	static AliasDefinition disabled(String name, Object... formats) {
		return new AliasDefinition("pack." + name, "pack", name, "does " + name, false, Arrays.asList(formats), null,
				null);
	}

	/**
	 * A {@code {display, representation}} entry.
	 * @param display the display
	 * @param representations the representations
	 * @return the entry
	 */
	static Map<String, Object> entry(String display, String... representations) {
		return Map.of("display", display, "representation", List.of(representations));
	}

	/**
	 * A {@code match_multiple} entry.
	 * @param display the display
	 * @param representation the representation
	 * @return the entry
	 */
	static Map<String, Object> multiple(String display, String representation) {
		return Map.of("display", display, "representation", List.of(representation), "match_multiple", true);
	}

	/**
	 * A benchmark catalog: st2 aliases as the API returns them and chat lines.
	 *
	 * @param aliases the aliases
	 * @param commands the lines
	 */
	record BenchCatalog(List<AliasDefinition> aliases, List<String> commands) {
	}

	/**
	 * Reads a catalog file of {@code bench/catalogs}.
	 * @param path the file
	 * @return the catalog
	 * @throws IOException when it cannot be read
	 */
	static BenchCatalog readCatalog(Path path) throws IOException {
		try (InputStream in = Files.newInputStream(path)) {
			return toCatalog(JSON.readValue(in, Map.class));
		}
	}

	@SuppressWarnings("unchecked")
	private static BenchCatalog toCatalog(Map<String, Object> json) {
		List<AliasDefinition> aliases = new ArrayList<>();
		for (Map<String, Object> alias : (List<Map<String, Object>>) json.get("aliases")) {
			aliases.add(fromSt2(alias));
		}
		return new BenchCatalog(aliases, (List<String>) json.get("commands"));
	}

	/**
	 * An alias from st2's JSON.
	 * @param alias the JSON object
	 * @return the alias
	 */
	@SuppressWarnings("unchecked")
	static AliasDefinition fromSt2(Map<String, Object> alias) {
		String pack = (String) alias.get("pack");
		String name = (String) alias.get("name");
		String ref = (alias.get("ref") instanceof String r) ? r : pack + "." + name;
		return new AliasDefinition(ref, pack, name, (String) alias.get("description"),
				!Boolean.FALSE.equals(alias.get("enabled")), (List<Object>) alias.get("formats"),
				(Map<String, Object>) alias.get("ack"), (Map<String, Object>) alias.get("extra"));
	}

}
