package io.github.st2chatops.gateway.alias;

import java.math.BigInteger;
import java.util.Set;

/**
 * Python's notion of characters where it differs from Java's: whitespace
 * ({@code str.isspace}, which is also what {@code \s} matches), identifiers
 * ({@code str.isidentifier}) and {@code int()} of a string.
 */
final class PyChars {

	/**
	 * The code points Python's {@code \s} (Unicode) and {@code str.strip()} treat as
	 * whitespace, as a Java character-class body.
	 */
	static final String SPACE_CLASS_BODY = "\\x{9}-\\x{D}\\x{1C}-\\x{20}\\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}"
			+ "\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}";

	/**
	 * Python's {@code \w} (Unicode): letters, numbers and the underscore.
	 */
	static final String WORD_CLASS_BODY = "\\p{L}\\p{N}_";

	/**
	 * Characters Java's {@link Character#isUnicodeIdentifierStart(int)} admits but
	 * Python's {@code str.isidentifier()} does not start a name with: they are ID_Start
	 * but not XID_Start (their NFKC form is no identifier start), plus U+2E2F VERTICAL
	 * TILDE (Pattern_Syntax). Derived from CPython 3.11 (Unicode 14) over every code
	 * point; the XID exclusions are stable across Unicode versions.
	 */
	private static final Set<Integer> NOT_XID_START = Set.of(0x37A, 0xE33, 0xEB3, 0x2E2F, 0x309B, 0x309C, 0xFC5E,
			0xFC5F, 0xFC60, 0xFC61, 0xFC62, 0xFC63, 0xFDFA, 0xFDFB, 0xFE70, 0xFE72, 0xFE74, 0xFE76, 0xFE78, 0xFE7A,
			0xFE7C, 0xFE7E, 0xFF9E, 0xFF9F);

	/**
	 * Likewise for the rest of a name: ID_Continue but not XID_Continue.
	 */
	private static final Set<Integer> NOT_XID_CONTINUE = Set.of(0x37A, 0x2E2F, 0x309B, 0x309C, 0xFC5E, 0xFC5F, 0xFC60,
			0xFC61, 0xFC62, 0xFC63, 0xFDFA, 0xFDFB, 0xFE70, 0xFE72, 0xFE74, 0xFE76, 0xFE78, 0xFE7A, 0xFE7C, 0xFE7E);

	private PyChars() {
	}

	/**
	 * Python's {@code str.isspace()} for one code point.
	 * @param cp the code point
	 * @return whether Python treats it as whitespace
	 */
	static boolean isSpace(int cp) {
		if (cp < 0x80) {
			return (cp >= 0x9 && cp <= 0xD) || (cp >= 0x1C && cp <= 0x20);
		}
		return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028
				|| cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
	}

	/**
	 * Python's {@code str.strip()} without arguments.
	 * @param s the string
	 * @return the string without leading and trailing whitespace
	 */
	static String strip(String s) {
		int start = 0;
		int end = s.length();
		while (start < end && isSpace(s.charAt(start))) {
			start++;
		}
		while (end > start && isSpace(s.charAt(end - 1))) {
			end--;
		}
		return s.substring(start, end);
	}

	/**
	 * Index of the first character that is not whitespace.
	 * @param s the string
	 * @return the index, or the length when it is all whitespace
	 */
	static int firstNonSpace(String s) {
		int i = 0;
		while (i < s.length() && isSpace(s.charAt(i))) {
			i++;
		}
		return i;
	}

	/**
	 * Whether the string is whitespace only (or empty).
	 * @param s the string
	 * @return true when {@code s.strip()} would be empty
	 */
	static boolean isBlank(String s) {
		return firstNonSpace(s) == s.length();
	}

	/**
	 * Python's {@code str.isidentifier()}.
	 * @param name the name
	 * @return whether Python accepts it as an identifier
	 */
	static boolean isIdentifier(String name) {
		if (name.isEmpty()) {
			return false;
		}
		int first = name.codePointAt(0);
		// Python checks XID_Start / XID_Continue; Java knows ID_Start / ID_Continue
		if (first != '_' && (!Character.isUnicodeIdentifierStart(first) || NOT_XID_START.contains(first))) {
			return false;
		}
		for (int i = Character.charCount(first); i < name.length();) {
			int cp = name.codePointAt(i);
			if (!Character.isUnicodeIdentifierPart(cp) || Character.isIdentifierIgnorable(cp)
					|| NOT_XID_CONTINUE.contains(cp)) {
				return false;
			}
			i += Character.charCount(cp);
		}
		return true;
	}

	/**
	 * Python's {@code int(s)} for a decimal string: surrounding whitespace, a sign, any
	 * Unicode decimal digits and single underscores between digits.
	 * @param s the text
	 * @return the value, or {@code null} where Python raises {@code ValueError}
	 */
	static BigInteger parseInt(String s) {
		String t = strip(s);
		int i = 0;
		boolean negative = false;
		if (i < t.length() && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
			negative = t.charAt(i) == '-';
			i++;
		}
		StringBuilder digits = new StringBuilder();
		boolean lastUnderscore = true;
		while (i < t.length()) {
			int cp = t.codePointAt(i);
			i += Character.charCount(cp);
			if (cp == '_') {
				if (lastUnderscore) {
					return null;
				}
				lastUnderscore = true;
				continue;
			}
			if (Character.getType(cp) != Character.DECIMAL_DIGIT_NUMBER) {
				return null;
			}
			digits.append(Character.digit(cp, 10));
			lastUnderscore = false;
		}
		if (digits.length() == 0 || lastUnderscore) {
			return null;
		}
		BigInteger value = new BigInteger(digits.toString());
		return negative ? value.negate() : value;
	}

	/**
	 * Python's {@code unicodedata.lookup(name)} for a single code point.
	 * @param name the character name
	 * @return the code point, or -1 when Python would not find it
	 */
	static int lookupName(String name) {
		if (name.isEmpty() || isSpace(name.charAt(0)) || isSpace(name.charAt(name.length() - 1))) {
			return -1;
		}
		try {
			return Character.codePointOf(name);
		}
		catch (IllegalArgumentException ex) {
			return -1;
		}
	}

}
