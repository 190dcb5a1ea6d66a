package io.github.st2chatops.gateway.command;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationStyle;

/**
 * Limits on commands that run (help and the dry run are not limited), per user and per
 * channel, each a count per period such as {@code 20/1m}.
 *
 * @param enabled whether the limits apply (default true)
 * @param perUser commands one user may run per period (default 20/1m)
 * @param perChannel commands one channel may run per period (default 60/1m)
 */
@ConfigurationProperties("gateway.rate-limit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue("20/1m") String perUser,
		@DefaultValue("60/1m") String perChannel) {

	public RateLimitProperties {
		Rate.parse(perUser, "gateway.rate-limit.per-user");
		Rate.parse(perChannel, "gateway.rate-limit.per-channel");
	}

	Rate userRate() {
		return Rate.parse(this.perUser, "gateway.rate-limit.per-user");
	}

	Rate channelRate() {
		return Rate.parse(this.perChannel, "gateway.rate-limit.per-channel");
	}

	/**
	 * A count per period.
	 *
	 * @param count how many
	 * @param period per how long
	 */
	record Rate(int count, Duration period) {

		static Rate parse(String value, String property) {
			String text = (value != null) ? value.strip() : "";
			int slash = text.indexOf('/');
			try {
				if (slash > 0) {
					int count = Integer.parseInt(text.substring(0, slash).strip());
					Duration period = DurationStyle.detectAndParse(text.substring(slash + 1).strip());
					if (count > 0 && !period.isNegative() && !period.isZero()) {
						return new Rate(count, period);
					}
				}
			}
			catch (IllegalArgumentException ex) {
				// reported below
			}
			throw new IllegalArgumentException(
					property + " must be a positive count per period, e.g. 20/1m or 5/10s, not '" + value + "'");
		}

	}

}
