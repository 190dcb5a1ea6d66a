package io.github.st2chatops.gateway.alias;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.json.JsonMapper;

/**
 * Per-line latency of {@link AliasCatalog#match(String)} over every chat line of a
 * benchmark catalog, one line per invocation, in the file's order.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AliasMatchBenchmark {

	/**
	 * The compiled catalog and its lines.
	 */
	@State(Scope.Benchmark)
	public static class Catalog {

		/** The catalog file ({@code {"aliases": [...], "commands": [...]}}). */
		@Param("bench/catalogs/catalog-1000.json")
		public String catalog;

		AliasCatalog aliases;

		String[] commands;

		@Setup
		public void load() throws IOException {
			Loaded loaded = load(Path.of(this.catalog));
			this.aliases = AliasCatalog.compile(loaded.aliases());
			this.commands = loaded.commands().toArray(new String[0]);
		}

		/**
		 * A catalog file, read.
		 *
		 * @param aliases its aliases
		 * @param commands its lines
		 */
		record Loaded(List<AliasDefinition> aliases, List<String> commands) {
		}

		@SuppressWarnings("unchecked")
		static Loaded load(Path file) throws IOException {
			Map<String, Object> json = JsonMapper.builder().build().readValue(Files.readAllBytes(file), Map.class);
			List<AliasDefinition> aliases = new ArrayList<>();
			for (Map<String, Object> alias : (List<Map<String, Object>>) json.get("aliases")) {
				String pack = (String) alias.get("pack");
				String name = (String) alias.get("name");
				String ref = (alias.get("ref") instanceof String r) ? r : pack + "." + name;
				aliases.add(new AliasDefinition(ref, pack, name, (String) alias.get("description"),
						!Boolean.FALSE.equals(alias.get("enabled")), (List<Object>) alias.get("formats"),
						(Map<String, Object>) alias.get("ack"), (Map<String, Object>) alias.get("extra")));
			}
			return new Loaded(aliases, (List<String>) json.get("commands"));
		}

	}

	/**
	 * Which line comes next, per benchmark thread.
	 */
	@State(Scope.Thread)
	public static class Cursor {

		int next;

	}

	@Benchmark
	public MatchOutcome match(Catalog catalog, Cursor cursor) {
		String[] commands = catalog.commands;
		String command = commands[cursor.next];
		cursor.next = (cursor.next + 1 == commands.length) ? 0 : cursor.next + 1;
		return catalog.aliases.match(command);
	}

}
