package io.github.st2chatops.gateway.alias;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compiled formats carried from one catalog snapshot to the next.
 */
class CompiledFormatCacheTests {

	@Test
	void prepareShouldCompileOnlyTheFormatsThePreviousSnapshotDidNotHave() {
		CompiledFormatCache cache = new CompiledFormatCache();
		Map<String, Object> first = cache.prepare(List.of("one {{x}}", "two {{x}}"));
		assertThat(cache.lastCompiledCount()).isEqualTo(2);

		Map<String, Object> second = cache.prepare(List.of("one {{x}}", "three {{x}}"));

		assertThat(cache.lastCompiledCount()).isEqualTo(1);
		assertThat(second.get("one {{x}}")).isSameAs(first.get("one {{x}}"));
		assertThat(second.get("three {{x}}")).isInstanceOf(CompiledFormat.class);
		// "two" left the catalog: the cache forgets it
		assertThat(second).doesNotContainKey("two {{x}}");
		assertThat(cache.size()).isEqualTo(2);
	}

	@Test
	void prepareWhenTheSameFormatsComeAgainShouldCompileNothing() {
		CompiledFormatCache cache = new CompiledFormatCache();
		cache.prepare(List.of("one {{x}}", "two {{x}}"));

		cache.prepare(List.of("two {{x}}", "one {{x}}"));

		assertThat(cache.lastCompiledCount()).isZero();
	}

	@Test
	void prepareWhenAFormatRepeatsShouldCompileItOnce() {
		CompiledFormatCache cache = new CompiledFormatCache();

		Map<String, Object> compiled = cache.prepare(List.of("one {{x}}", "one {{x}}", "one {{x}}"));

		assertThat(cache.lastCompiledCount()).isEqualTo(1);
		assertThat(compiled).hasSize(1);
	}

	@Test
	void prepareWhenAFormatIsInvalidShouldKeepTheErrorInItsPlace() {
		CompiledFormatCache cache = new CompiledFormatCache();

		Map<String, Object> compiled = cache.prepare(List.of("broken (unclosed {{x}}", "fine {{x}}"));

		assertThat(compiled.get("broken (unclosed {{x}}")).isInstanceOf(AliasFormatInvalidException.class);
		assertThat(compiled.get("fine {{x}}")).isInstanceOf(CompiledFormat.class);
	}

	@Test
	void prepareWhenManyFormatsAreNewShouldCompileThemAsOneAtATimeWould() {
		List<String> formats = new ArrayList<>();
		IntStream.range(0, CompiledFormatCache.PARALLEL_THRESHOLD * 2).forEach((i) -> {
			formats.add("deploy app" + i + " {{name}} to {{env=staging}}");
			formats.add((i % 7 == 0) ? "broken" + i + " (unclosed {{x}}" : "(?P<verb>run|start) job" + i + " {{x}}");
		});

		Map<String, Object> compiled = new CompiledFormatCache().prepare(formats);

		assertThat(compiled).hasSize(formats.size());
		for (String format : formats) {
			Object parallel = compiled.get(format);
			try {
				CompiledFormat alone = CompiledFormat.compile(format);
				assertThat(parallel).isInstanceOfSatisfying(CompiledFormat.class,
						(c) -> assertThat(c.regex()).isEqualTo(alone.regex()));
			}
			catch (AliasFormatInvalidException ex) {
				assertThat(parallel).isInstanceOfSatisfying(AliasFormatInvalidException.class,
						(e) -> assertThat(e.reason()).isEqualTo(ex.reason()));
			}
		}
	}

}
