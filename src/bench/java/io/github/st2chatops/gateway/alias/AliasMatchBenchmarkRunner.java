package io.github.st2chatops.gateway.alias;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs {@link AliasMatchBenchmark} on one catalog (short: one fork, a few seconds) and
 * prints {@code alias-match catalog=<aliases> median_us=<x> p99_us=<y>}.
 */
public final class AliasMatchBenchmarkRunner {

	private AliasMatchBenchmarkRunner() {
	}

	public static void main(String[] args) throws Exception {
		String catalog = (args.length > 0) ? args[0] : "bench/catalogs/catalog-1000.json";
		int aliases = AliasMatchBenchmark.Catalog.load(Path.of(catalog)).aliases().size();
		Options options = new OptionsBuilder().include(AliasMatchBenchmark.class.getName() + ".match")
			.param("catalog", catalog)
			.forks(1)
			.warmupIterations(3)
			.warmupTime(TimeValue.seconds(1))
			.measurementIterations(5)
			.measurementTime(TimeValue.seconds(1))
			.jvmArgsAppend("-Xms512m", "-Xmx512m")
			.build();
		Collection<RunResult> results = new Runner(options).run();
		for (RunResult result : results) {
			Statistics statistics = result.getPrimaryResult().getStatistics();
			System.out.println(String.format(Locale.ROOT, "alias-match catalog=%d median_us=%.2f p99_us=%.2f", aliases,
					statistics.getPercentile(50), statistics.getPercentile(99)));
		}
	}

}
