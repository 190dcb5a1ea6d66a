package io.github.st2chatops.gateway.chat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads an {@code application/x-www-form-urlencoded} body from its raw bytes, the bytes a
 * signature was checked on. Platform controllers read the body themselves: Spring's
 * {@code @RequestBody} rebuilds a form post from the request parameters, which are not
 * the signed bytes.
 */
public final class FormFields {

	private FormFields() {
	}

	/**
	 * Parses a form body.
	 * @param body the raw body (UTF-8)
	 * @return the fields in order; the first value wins when a name repeats
	 * @throws IllegalArgumentException when the body is not form-encoded (a bad {@code %}
	 * escape)
	 */
	public static Map<String, String> parse(byte[] body) {
		Map<String, String> fields = new LinkedHashMap<>();
		String text = new String(body, StandardCharsets.UTF_8);
		if (text.isBlank()) {
			return fields;
		}
		for (String pair : text.strip().split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode((equals < 0) ? pair : pair.substring(0, equals));
			String value = (equals < 0) ? "" : decode(pair.substring(equals + 1));
			fields.putIfAbsent(name, value);
		}
		return fields;
	}

	private static String decode(String part) {
		try {
			return URLDecoder.decode(part, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("the body is not form-encoded", ex);
		}
	}

}
