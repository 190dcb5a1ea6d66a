package io.github.st2chatops.gateway.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads an HTTP {@code Retry-After} header (RFC 9110 section 10.2.3): either a number of
 * seconds or an HTTP date.
 */
public final class RetryAfter {

	private RetryAfter() {
	}

	/**
	 * Parses a {@code Retry-After} value.
	 * @param value the header value, possibly {@code null}
	 * @param clock the clock to measure an HTTP date against
	 * @return how long to wait (zero for a date in the past), or {@code null} when the
	 * header is absent or unreadable
	 */
	public static Duration parse(String value, Clock clock) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = value.strip();
		if (trimmed.chars().allMatch(Character::isDigit)) {
			try {
				return Duration.ofSeconds(Long.parseLong(trimmed));
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		try {
			Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			Duration wait = Duration.between(clock.instant(), at);
			return wait.isNegative() ? Duration.ZERO : wait;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
