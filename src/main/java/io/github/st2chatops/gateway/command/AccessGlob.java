package io.github.st2chatops.gateway.command;

import java.util.regex.Pattern;

/**
 * A glob of the access rules: {@code *} stands for any characters (also none), {@code ?}
 * for exactly one; everything else is literal and compared exactly.
 */
final class AccessGlob {

	// alias refs and pack names are st2 resource names: letters, digits, _ - .
	private static final Pattern OBJECT = Pattern.compile("[A-Za-z0-9_.*?-]+");

	// platform ids are lower-case words; ids on the platforms have no white space
	private static final Pattern SUBJECT = Pattern.compile("[a-z0-9_*?-]+:[^\\s]+");

	private final Pattern pattern;

	private AccessGlob(String glob) {
		StringBuilder regex = new StringBuilder();
		StringBuilder literal = new StringBuilder();
		for (char c : glob.toCharArray()) {
			if (c == '*' || c == '?') {
				if (!literal.isEmpty()) {
					regex.append(Pattern.quote(literal.toString()));
					literal.setLength(0);
				}
				regex.append((c == '*') ? ".*" : ".");
			}
			else {
				literal.append(c);
			}
		}
		if (!literal.isEmpty()) {
			regex.append(Pattern.quote(literal.toString()));
		}
		this.pattern = Pattern.compile(regex.toString(), Pattern.DOTALL);
	}

	static AccessGlob of(String glob) {
		return new AccessGlob(glob);
	}

	boolean matches(String value) {
		return value != null && this.pattern.matcher(value).matches();
	}

	static void validateObject(String glob, String property) {
		if (glob == null || !OBJECT.matcher(glob).matches()) {
			throw new IllegalArgumentException(property + " is not a valid pack or alias glob: '" + glob
					+ "' (letters, digits, _ - . and the wildcards * ?)");
		}
	}

	static void validateSubject(String glob, String property) {
		if (glob == null || !SUBJECT.matcher(glob).matches()) {
			throw new IllegalArgumentException(
					property + " must be <platform>:<id> (e.g. slack:U024BE7LH), not '" + glob + "'");
		}
	}

}
