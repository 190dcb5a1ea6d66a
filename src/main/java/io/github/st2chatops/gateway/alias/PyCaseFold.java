package io.github.st2chatops.gateway.alias;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.github.st2chatops.gateway.alias.PyNode.Category;
import io.github.st2chatops.gateway.alias.PyNode.SetItem;

/**
 * Case-insensitive matching as CPython's {@code sre} does it, written out as
 * case-sensitive Java character classes so that Java's own case folding (which also
 * compares uppercase forms) never applies.
 *
 * <p>
 * CPython lowercases the subject character and compares it with the lowercased literal,
 * or looks it up in the set the compiler built from the lowercased members plus a few
 * extra case pairs ({@code re._casefix}). A class member that lowercases outside the BMP
 * stays as written, and a range that reaches outside the BMP is also tried with the
 * uppercase of the subject's lowercase. This class computes, for such a literal or set,
 * every code point whose lowercase passes the test: that is the Java class.
 */
final class PyCaseFold {

	/**
	 * The characters CPython 3.11 also treats as equal under IGNORECASE although their
	 * lowercase forms differ (they share an uppercase form): each row is one class of
	 * equal lowercase characters (the data of {@code re._casefix._EXTRA_CASES}).
	 */
	private static final int[][] EXTRA_CASES = { { 0x69, 0x131 }, { 0x73, 0x17F }, { 0xB5, 0x3BC },
			{ 0x345, 0x3B9, 0x1FBE }, { 0x390, 0x1FD3 }, { 0x3B0, 0x1FE3 }, { 0x3B2, 0x3D0 }, { 0x3B5, 0x3F5 },
			{ 0x3B8, 0x3D1 }, { 0x3BA, 0x3F0 }, { 0x3C0, 0x3D6 }, { 0x3C1, 0x3F1 }, { 0x3C2, 0x3C3 }, { 0x3C6, 0x3D5 },
			{ 0x432, 0x1C80 }, { 0x434, 0x1C81 }, { 0x43E, 0x1C82 }, { 0x441, 0x1C83 }, { 0x442, 0x1C84, 0x1C85 },
			{ 0x44A, 0x1C86 }, { 0x463, 0x1C87 }, { 0x1C88, 0xA64B }, { 0x1E61, 0x1E9B }, { 0xFB05, 0xFB06 } };

	private static final int MAX_BMP = 0xFFFF;

	private static final Map<String, CategoryFold> CATEGORY_FOLDS = new ConcurrentHashMap<>();

	/**
	 * Classes already computed, by literal or set and mode: catalogs repeat them (every
	 * letter of every case-insensitive format). Bounded, so that a stream of distinct
	 * sets does not grow it for ever.
	 */
	private static final Map<List<Object>, String> CLASSES = new ConcurrentHashMap<>();

	private static final int MAX_CACHED_CLASSES = 4096;

	/** Stands for "compared exactly" in {@link #CLASSES}. */
	private static final String EXACT = "";

	private PyCaseFold() {
	}

	/**
	 * The Java class for a case-insensitive literal or its negation, or {@code null} when
	 * CPython compares it exactly (it has no case).
	 * @param cp the literal
	 * @param negated {@code [^x]} rather than {@code x}
	 * @param flags the Python flags in force
	 * @return a class (or a single escaped character), or {@code null}
	 */
	static String literal(int cp, boolean negated, int flags) {
		return cached(List.of(cp, negated, (flags & PyRegexParser.UNICODE) != 0),
				() -> computeLiteral(cp, negated, flags));
	}

	private static String cached(List<Object> key, Supplier<String> compute) {
		String result = CLASSES.get(key);
		if (result == null) {
			result = compute.get();
			if (result == null) {
				result = EXACT;
			}
			if (CLASSES.size() < MAX_CACHED_CLASSES) {
				CLASSES.put(key, result);
			}
		}
		return (result.equals(EXACT)) ? null : result;
	}

	private static String computeLiteral(int cp, boolean negated, int flags) {
		Table table = Table.of(flags);
		if (!table.isCased(cp)) {
			return null;
		}
		int lower = table.lower(cp);
		List<int[]> targets = new ArrayList<>();
		targets.add(new int[] { lower, lower });
		table.addFixes(lower, targets);
		int[] matching = table.preimagePoints(Ranges.normalize(targets));
		StringBuilder out = new StringBuilder("[");
		if (negated) {
			out.append('^');
		}
		for (int m : matching) {
			Ranges.appendClassChar(out, m);
		}
		return out.append(']').toString();
	}

	/**
	 * The Java class for a case-insensitive set, or {@code null} when CPython tests the
	 * set exactly (none of its members has case).
	 * @param items the set's items
	 * @param flags the Python flags in force
	 * @return a class, or {@code null}
	 */
	static String set(List<SetItem> items, int flags) {
		return cached(List.of(items, (flags & PyRegexParser.UNICODE) != 0), () -> computeSet(items, flags));
	}

	private static String computeSet(List<SetItem> items, int flags) {
		Table table = Table.of(flags);
		boolean cased = false;
		boolean negated = false;
		List<int[]> lowered = new ArrayList<>();
		List<Category> categories = new ArrayList<>();
		for (SetItem item : items) {
			if (item instanceof SetItem.Negate) {
				negated = true;
			}
			else if (item instanceof SetItem.Char c) {
				int lower = table.lower(c.cp());
				if (lower > MAX_BMP) {
					// CPython keeps a member it cannot put in its BMP map as written
					lowered.add(new int[] { c.cp(), c.cp() });
					cased = true;
				}
				else {
					lowered.add(new int[] { lower, lower });
					cased |= table.isCased(c.cp());
				}
			}
			else if (item instanceof SetItem.Range range) {
				int bmpEnd = Math.min(range.hi(), MAX_BMP);
				if (range.lo() <= bmpEnd) {
					table.addLowered(range.lo(), bmpEnd, lowered);
				}
				if (range.hi() > MAX_BMP) {
					// RANGE_UNI_IGNORE: the subject's lowercase, or its uppercase, in
					// range
					lowered.add(new int[] { range.lo(), range.hi() });
					table.addUppercasedInto(range.lo(), range.hi(), lowered);
					cased = true;
				}
				else {
					cased |= table.anyCased(range.lo(), range.hi());
				}
			}
			else if (item instanceof SetItem.Cat cat) {
				categories.add(cat.category());
			}
		}
		if (!cased) {
			return null;
		}
		int[] targets = Ranges.normalize(lowered);
		List<int[]> withFixes = Ranges.toList(targets);
		for (int[] group : table.extraCases()) {
			for (int member : group) {
				if (Ranges.contains(targets, member)) {
					for (int other : group) {
						withFixes.add(new int[] { other, other });
					}
					break;
				}
			}
		}
		targets = Ranges.normalize(withFixes);
		StringBuilder out = new StringBuilder("[");
		if (negated) {
			out.append('^');
		}
		Ranges.appendClassBody(out, table.preimage(targets));
		for (Category category : categories) {
			CategoryFold fold = categoryFold(category, flags, table);
			for (int add : fold.added()) {
				Ranges.appendClassChar(out, add);
			}
			if (fold.removed().length == 0) {
				out.append(fold.body());
			}
			else {
				out.append("[").append(fold.body()).append("&&[^");
				for (int removed : fold.removed()) {
					Ranges.appendClassChar(out, removed);
				}
				out.append("]]");
			}
		}
		return out.append(']').toString();
	}

	private static CategoryFold categoryFold(Category category, int flags, Table table) {
		String body = PyRegexTranslator.categoryBody(category, flags);
		return CATEGORY_FOLDS.computeIfAbsent(table.unicode + body, (key) -> {
			Pattern pattern = Pattern.compile("[" + body + "]");
			List<Integer> added = new ArrayList<>();
			List<Integer> removed = new ArrayList<>();
			for (int i = 0; i < table.changers.length; i++) {
				boolean in = pattern.matcher(Character.toString(table.changers[i])).matches();
				boolean lowerIn = pattern.matcher(Character.toString(table.lowers[i])).matches();
				if (in && !lowerIn) {
					removed.add(table.changers[i]);
				}
				else if (!in && lowerIn) {
					added.add(table.changers[i]);
				}
			}
			return new CategoryFold(body, toArray(added), toArray(removed));
		});
	}

	private static int[] toArray(List<Integer> list) {
		return list.stream().mapToInt(Integer::intValue).toArray();
	}

	/**
	 * A category under case folding: its members whose lowercase is outside it are
	 * removed, and the characters outside it whose lowercase is inside are added.
	 */
	private record CategoryFold(String body, int[] added, int[] removed) {
	}

	/**
	 * CPython's lowercase and case tests for one mode ({@code unicode_tolower} and
	 * {@code unicode_iscased}, or their ASCII forms), with the characters whose lowercase
	 * differs from themselves.
	 */
	private static final class Table {

		private static final Table ASCII = ascii();

		private static final int UNASSIGNED_PLANES_START = 0x40000;

		private static final int SPECIAL_PLANE_START = 0xE0000;

		private static final int SPECIAL_PLANE_END = 0xEFFFF;

		// sorted; lowers[i] is the lowercase of changers[i]
		private final int[] changers;

		private final int[] lowers;

		// sorted: every character with a different lowercase or uppercase
		private final int[] cased;

		// characters whose (first) uppercase differs, and that uppercase
		private final int[] upperChangers;

		private final int[] uppers;

		private final Map<Integer, int[]> byLower;

		private final boolean unicode;

		private Table(boolean unicode, int[] changers, int[] lowers, int[] cased, int[] upperChangers, int[] uppers) {
			this.unicode = unicode;
			this.changers = changers;
			this.lowers = lowers;
			this.cased = cased;
			this.upperChangers = upperChangers;
			this.uppers = uppers;
			Map<Integer, List<Integer>> reverse = new HashMap<>();
			for (int i = 0; i < changers.length; i++) {
				reverse.computeIfAbsent(lowers[i], (k) -> new ArrayList<>()).add(changers[i]);
			}
			this.byLower = new HashMap<>();
			reverse.forEach((lower, sources) -> this.byLower.put(lower, toArray(sources)));
		}

		static Table of(int flags) {
			return ((flags & PyRegexParser.UNICODE) != 0) ? UnicodeHolder.UNICODE : ASCII;
		}

		private static Table ascii() {
			int[] upper = new int[26];
			int[] lower = new int[26];
			int[] cased = new int[52];
			for (int i = 0; i < 26; i++) {
				upper[i] = 'A' + i;
				lower[i] = 'a' + i;
				cased[i] = 'A' + i;
				cased[26 + i] = 'a' + i;
			}
			// RANGE_UNI_IGNORE tests the Unicode uppercase even under ASCII
			Table unicode = UnicodeHolder.UNICODE;
			return new Table(false, upper, lower, cased, unicode.upperChangers, unicode.uppers);
		}

		private static Table unicode() {
			List<Integer> changers = new ArrayList<>();
			List<Integer> lowers = new ArrayList<>();
			List<Integer> cased = new ArrayList<>();
			List<int[]> uppers = new ArrayList<>();
			for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
				if (cp == UNASSIGNED_PLANES_START) {
					// planes 4 to 13 are unassigned and 15 and 16 are private use: no
					// case
					cp = SPECIAL_PLANE_START;
				}
				else if (cp == SPECIAL_PLANE_END + 1) {
					break;
				}
				int lower = Character.toLowerCase(cp);
				int upper = firstUppercase(cp);
				if (lower != cp) {
					changers.add(cp);
					lowers.add(lower);
				}
				if (upper != cp) {
					uppers.add(new int[] { upper, cp });
				}
				if (lower != cp || upper != cp) {
					cased.add(cp);
				}
			}
			// by uppercase, to find the characters whose uppercase is in a range
			uppers.sort((a, b) -> (a[0] != b[0]) ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
			int[] upperChangers = new int[uppers.size()];
			int[] upperValues = new int[uppers.size()];
			for (int i = 0; i < uppers.size(); i++) {
				upperValues[i] = uppers.get(i)[0];
				upperChangers[i] = uppers.get(i)[1];
			}
			return new Table(true, toArray(changers), toArray(lowers), toArray(cased), upperChangers, upperValues);
		}

		/**
		 * CPython's {@code sre_upper_unicode}: the first character of the full uppercase
		 * form (ß gives S).
		 */
		private static int firstUppercase(int cp) {
			int type = Character.getType(cp);
			if (type == Character.LOWERCASE_LETTER || type == Character.TITLECASE_LETTER) {
				return Character.toString(cp).toUpperCase(Locale.ROOT).codePointAt(0);
			}
			return Character.toUpperCase(cp);
		}

		int lower(int cp) {
			if (this.unicode) {
				return Character.toLowerCase(cp);
			}
			return (cp >= 'A' && cp <= 'Z') ? cp + ('a' - 'A') : cp;
		}

		boolean isCased(int cp) {
			return Arrays.binarySearch(this.cased, cp) >= 0;
		}

		boolean anyCased(int lo, int hi) {
			int at = Arrays.binarySearch(this.cased, lo);
			if (at >= 0) {
				return true;
			}
			int next = -at - 1;
			return next < this.cased.length && this.cased[next] <= hi;
		}

		int[][] extraCases() {
			return this.unicode ? EXTRA_CASES : new int[0][];
		}

		void addFixes(int lower, List<int[]> into) {
			for (int[] group : extraCases()) {
				if (Arrays.stream(group).anyMatch((member) -> member == lower)) {
					for (int member : group) {
						into.add(new int[] { member, member });
					}
				}
			}
		}

		/**
		 * Adds the lowercase of every character from lo to hi.
		 */
		void addLowered(int lo, int hi, List<int[]> into) {
			int start = lo;
			int at = Arrays.binarySearch(this.changers, lo);
			int i = (at >= 0) ? at : -at - 1;
			for (; i < this.changers.length && this.changers[i] <= hi; i++) {
				if (this.changers[i] > start) {
					into.add(new int[] { start, this.changers[i] - 1 });
				}
				into.add(new int[] { this.lowers[i], this.lowers[i] });
				start = this.changers[i] + 1;
			}
			if (start <= hi) {
				into.add(new int[] { start, hi });
			}
		}

		/**
		 * Adds every character whose uppercase is from lo to hi.
		 */
		void addUppercasedInto(int lo, int hi, List<int[]> into) {
			int at = Arrays.binarySearch(this.uppers, lo);
			int i = (at >= 0) ? at : -at - 1;
			while (i > 0 && this.uppers[i - 1] == lo) {
				i--;
			}
			for (; i < this.uppers.length && this.uppers[i] <= hi; i++) {
				into.add(new int[] { this.upperChangers[i], this.upperChangers[i] });
			}
		}

		/**
		 * Every character whose lowercase is in the given ranges.
		 */
		int[] preimage(int[] targets) {
			List<int[]> result = Ranges.toList(targets);
			List<Integer> removed = new ArrayList<>();
			for (int i = 0; i < this.changers.length; i++) {
				boolean in = Ranges.contains(targets, this.changers[i]);
				boolean lowerIn = Ranges.contains(targets, this.lowers[i]);
				if (in && !lowerIn) {
					removed.add(this.changers[i]);
				}
				else if (!in && lowerIn) {
					result.add(new int[] { this.changers[i], this.changers[i] });
				}
			}
			return Ranges.subtract(Ranges.normalize(result), removed);
		}

		/**
		 * Every character whose lowercase is one of a few given characters, sorted.
		 */
		int[] preimagePoints(int[] targets) {
			List<Integer> result = new ArrayList<>();
			for (int i = 0; i < targets.length; i += 2) {
				for (int t = targets[i]; t <= targets[i + 1]; t++) {
					if (lower(t) == t) {
						result.add(t);
					}
					int[] sources = this.byLower.get(t);
					if (sources != null) {
						for (int source : sources) {
							result.add(source);
						}
					}
				}
			}
			return result.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
		}

		/** The Unicode table, built on first use (a pass over every code point). */
		private static final class UnicodeHolder {

			static final Table UNICODE = unicode();

		}

	}

	/**
	 * Sets of code points as sorted, disjoint, non-adjacent inclusive ranges, flattened
	 * ({@code lo0, hi0, lo1, hi1 ...}).
	 */
	static final class Ranges {

		private Ranges() {
		}

		static int[] normalize(List<int[]> ranges) {
			ranges.sort((a, b) -> Integer.compare(a[0], b[0]));
			int[] out = new int[ranges.size() * 2];
			int n = 0;
			for (int[] range : ranges) {
				if (n > 0 && range[0] <= out[n - 1] + 1) {
					out[n - 1] = Math.max(out[n - 1], range[1]);
				}
				else {
					out[n++] = range[0];
					out[n++] = range[1];
				}
			}
			return Arrays.copyOf(out, n);
		}

		static List<int[]> toList(int[] ranges) {
			List<int[]> list = new ArrayList<>();
			for (int i = 0; i < ranges.length; i += 2) {
				list.add(new int[] { ranges[i], ranges[i + 1] });
			}
			return list;
		}

		static boolean contains(int[] ranges, int cp) {
			int lo = 0;
			int hi = ranges.length / 2 - 1;
			while (lo <= hi) {
				int mid = (lo + hi) >>> 1;
				if (cp < ranges[2 * mid]) {
					hi = mid - 1;
				}
				else if (cp > ranges[2 * mid + 1]) {
					lo = mid + 1;
				}
				else {
					return true;
				}
			}
			return false;
		}

		static int[] subtract(int[] ranges, List<Integer> points) {
			if (points.isEmpty()) {
				return ranges;
			}
			List<int[]> out = new ArrayList<>();
			int[] sorted = points.stream().mapToInt(Integer::intValue).sorted().toArray();
			int p = 0;
			for (int i = 0; i < ranges.length; i += 2) {
				int start = ranges[i];
				int end = ranges[i + 1];
				while (p < sorted.length && sorted[p] < start) {
					p++;
				}
				while (p < sorted.length && sorted[p] <= end) {
					if (sorted[p] > start) {
						out.add(new int[] { start, sorted[p] - 1 });
					}
					start = sorted[p] + 1;
					p++;
				}
				if (start <= end) {
					out.add(new int[] { start, end });
				}
			}
			return normalize(out);
		}

		static void appendClassBody(StringBuilder out, int[] ranges) {
			for (int i = 0; i < ranges.length; i += 2) {
				appendClassChar(out, ranges[i]);
				if (ranges[i + 1] > ranges[i]) {
					out.append('-');
					appendClassChar(out, ranges[i + 1]);
				}
			}
		}

		static void appendClassChar(StringBuilder out, int cp) {
			if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '_') {
				out.append((char) cp);
			}
			else {
				out.append("\\x{").append(Integer.toHexString(cp)).append('}');
			}
		}

	}

}
