package io.github.st2chatops.gateway.alias;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Compiled formats kept from one catalog snapshot to the next, so that a sync compiles
 * only the formats it has not seen in the previous snapshot. A compiled format depends on
 * its format string alone and is immutable, so two snapshots can share it. Formats that
 * the newest snapshot no longer uses are dropped, so the cache never holds more than one
 * catalog's formats.
 *
 * <p>
 * New formats are compiled in parallel (the common fork-join pool, plus the calling
 * thread) when there are enough of them to pay for the hand-over; compiling a format
 * touches no shared state but the map of Java patterns, which is concurrent.
 *
 * <p>
 * One snapshot is built at a time ({@link AliasCatalogSynchronizer} holds a lock); the
 * cache is not meant for concurrent builds.
 */
final class CompiledFormatCache {

	// below this many new formats, compiling them on one thread is as fast
	static final int PARALLEL_THRESHOLD = 256;

	private Map<String, Object> compiled = Map.of();

	private int lastCompiledCount;

	/**
	 * Makes sure every format of the next snapshot is compiled, compiling only those the
	 * previous snapshot did not have, and forgets the formats the next snapshot does not
	 * use.
	 * @param formats the format strings of the next snapshot (duplicates allowed)
	 * @return each format's {@link CompiledFormat}, or the
	 * {@link AliasFormatInvalidException} that stands in its place
	 */
	Map<String, Object> prepare(Collection<String> formats) {
		Map<String, Object> previous = this.compiled;
		Map<String, Object> next = new ConcurrentHashMap<>(Math.max(16, formats.size() * 4 / 3 + 1));
		List<String> missing = new ArrayList<>();
		for (String format : formats) {
			if (next.containsKey(format)) {
				continue;
			}
			Object known = previous.get(format);
			if (known != null) {
				next.put(format, known);
			}
			else {
				// a placeholder keeps duplicates out of the list of formats to compile
				next.put(format, missing);
				missing.add(format);
			}
		}
		Map<String, Pattern> patterns = new ConcurrentHashMap<>();
		if (missing.size() >= PARALLEL_THRESHOLD) {
			missing.parallelStream().forEach((format) -> next.put(format, compileOrError(format, patterns)));
		}
		else {
			missing.forEach((format) -> next.put(format, compileOrError(format, patterns)));
		}
		this.compiled = next;
		this.lastCompiledCount = missing.size();
		return next;
	}

	/**
	 * How many formats the last {@link #prepare(Collection)} compiled (the rest came from
	 * the previous snapshot).
	 * @return the count
	 */
	int lastCompiledCount() {
		return this.lastCompiledCount;
	}

	/**
	 * How many formats the cache holds (those of the last snapshot).
	 * @return the count
	 */
	int size() {
		return this.compiled.size();
	}

	private static Object compileOrError(String format, Map<String, Pattern> patterns) {
		try {
			return CompiledFormat.compile(format, patterns);
		}
		catch (AliasFormatInvalidException ex) {
			return ex;
		}
	}

}
