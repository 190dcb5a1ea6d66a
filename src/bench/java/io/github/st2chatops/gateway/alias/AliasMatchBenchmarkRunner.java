package io.github.st2chatops.gateway.alias;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Stream;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs {@link AliasMatchBenchmark} and {@link AliasCompileBenchmark} on one catalog
 * (short: one fork, a few seconds each) and prints one line per benchmark:
 * {@code alias-match catalog=<aliases> median_us=<x> p99_us=<y>},
 * {@code alias-compile catalog=<aliases> median_ms=<x> p99_ms=<y>} (from scratch) and
 * {@code alias-resync-unchanged catalog=<aliases> median_ms=<x> p99_ms=<y>}. A second
 * argument picks the benchmarks ({@code match}, {@code compile} or {@code all}, the
 * default). The system property {@code bench.jvm-args} adds options to the benchmark's JVM
 * (for example {@code -XX:TieredStopAtLevel=1}, the image's compiler); each line then ends
 * with {@code jvm-args="..."}.
 */
public final class AliasMatchBenchmarkRunner {

	/** Options added to the benchmark's JVM, from the system property bench.jvm-args. */
	private static final String EXTRA_JVM_ARGS = System.getProperty("bench.jvm-args", "").strip();

	private AliasMatchBenchmarkRunner() {
	}

	public static void main(String[] args) throws Exception {
		String catalog = (args.length > 0) ? args[0] : "bench/catalogs/catalog-1000.json";
		String which = (args.length > 1) ? args[1] : "all";
		int aliases = AliasMatchBenchmark.Catalog.load(Path.of(catalog)).aliases().size();
		if (which.equals("all") || which.equals("match")) {
			run(AliasMatchBenchmark.class.getName() + ".match", catalog, aliases, 1);
		}
		if (which.equals("all") || which.equals("compile")) {
			run(AliasCompileBenchmark.class.getName() + ".fromScratch", catalog, aliases, 2);
			run(AliasCompileBenchmark.class.getName() + ".unchangedResync", catalog, aliases, 1);
		}
	}

	private static void run(String benchmark, String catalog, int aliases, int seconds) throws Exception {
		Options options = new OptionsBuilder().include(benchmark.replace(".", "\\.") + "$")
			.param("catalog", catalog)
			.forks(1)
			.warmupIterations(3)
			.warmupTime(TimeValue.seconds(seconds))
			.measurementIterations(5)
			.measurementTime(TimeValue.seconds(seconds))
			.jvmArgsAppend(jvmArgs())
			.build();
		Collection<RunResult> results = new Runner(options).run();
		for (RunResult result : results) {
			Statistics statistics = result.getPrimaryResult().getStatistics();
			String unit = result.getPrimaryResult().getScoreUnit().startsWith("us") ? "us" : "ms";
			System.out.println(String.format(Locale.ROOT, "%s catalog=%d median_%s=%.2f p99_%s=%.2f samples=%d%s",
					name(benchmark), aliases, unit, statistics.getPercentile(50), unit, statistics.getPercentile(99),
					statistics.getN(), EXTRA_JVM_ARGS.isEmpty() ? "" : " jvm-args=\"" + EXTRA_JVM_ARGS + "\""));
		}
	}

	private static String[] jvmArgs() {
		String[] base = { "-Xms512m", "-Xmx512m" };
		if (EXTRA_JVM_ARGS.isEmpty()) {
			return base;
		}
		return Stream.concat(Arrays.stream(base), Arrays.stream(EXTRA_JVM_ARGS.split("\\s+")))
			.toArray(String[]::new);
	}

	private static String name(String benchmark) {
		if (benchmark.endsWith(".match")) {
			return "alias-match";
		}
		return benchmark.endsWith(".fromScratch") ? "alias-compile" : "alias-resync-unchanged";
	}

}
