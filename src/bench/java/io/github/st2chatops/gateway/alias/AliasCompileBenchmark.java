package io.github.st2chatops.gateway.alias;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.st2chatops.gateway.st2.St2ActionAlias;
import io.github.st2chatops.gateway.st2.St2Client;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.scheduling.TaskScheduler;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * What a catalog sync costs for a benchmark catalog: compiling every alias from scratch
 * (the first sync, or a restart), and a sync through {@link AliasCatalogSynchronizer}
 * that finds st2's aliases unchanged (every scheduled sync but those after a change).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AliasCompileBenchmark {

	/**
	 * The catalog's aliases, as st2 returns them and as the catalog holds them.
	 */
	@State(Scope.Benchmark)
	public static class Aliases {

		/** The catalog file ({@code {"aliases": [...], "commands": [...]}}). */
		@Param("")
		public String catalog;

		List<AliasDefinition> definitions;

		// two equal lists of distinct objects: st2 sends its aliases anew on every sync
		List<St2ActionAlias> fetched;

		List<St2ActionAlias> fetchedAgain;

		@Setup
		public void load() throws IOException {
			this.definitions = AliasMatchBenchmark.Catalog.load(Path.of(this.catalog)).aliases();
			this.fetched = st2Aliases(Path.of(this.catalog));
			this.fetchedAgain = st2Aliases(Path.of(this.catalog));
		}

		static List<St2ActionAlias> st2Aliases(Path file) throws IOException {
			JsonMapper mapper = JsonMapper.builder().build();
			JsonNode aliases = mapper.readTree(Files.readAllBytes(file)).get("aliases");
			return mapper.readerForListOf(St2ActionAlias.class).readValue(aliases);
		}

	}

	/**
	 * A synchronizer that has synced the catalog once, against an st2 that keeps
	 * returning the same aliases.
	 */
	@State(Scope.Benchmark)
	public static class Synced {

		AliasCatalogSynchronizer synchronizer;

		@Setup(Level.Trial)
		public void sync(Aliases aliases) {
			St2Client st2 = mock(St2Client.class);
			when(st2.listActionAliases()).thenReturn(aliases.fetched, aliases.fetchedAgain);
			this.synchronizer = new AliasCatalogSynchronizer(st2, new AliasCatalogHolder(), mock(TaskScheduler.class),
					Duration.ofMinutes(5), Clock.systemUTC());
			if (!this.synchronizer.sync()) {
				throw new IllegalStateException("the first sync failed");
			}
		}

	}

	@Benchmark
	public AliasCatalog fromScratch(Aliases aliases) {
		return AliasCatalog.compile(aliases.definitions, new CompiledFormatCache());
	}

	@Benchmark
	public boolean unchangedResync(Synced synced) {
		return synced.synchronizer.sync();
	}

}
