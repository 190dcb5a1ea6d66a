package io.github.st2chatops.gateway.chat;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import io.github.st2chatops.gateway.chat.ChatRequestVerifier.Verification;

/**
 * The timestamp a platform signs together with a request's body (Slack's, Discord's), in
 * Unix seconds: it must be within five minutes of the gateway's clock either way, so a
 * captured request cannot be replayed later.
 */
public final class RequestTimestamp {

	/** How far a platform's timestamp may be from our clock, either way. */
	public static final Duration TOLERANCE = Duration.ofMinutes(5);

	private RequestTimestamp() {
	}

	/**
	 * Why a request's timestamp is refused.
	 * @param header the header that carried it, named in the refusal
	 * @param timestamp its value, not blank
	 * @param clock the gateway's clock
	 * @return the refusal, empty when the timestamp is a Unix time within the tolerance
	 */
	public static Optional<Verification> refusal(String header, String timestamp, Clock clock) {
		long seconds;
		try {
			seconds = Long.parseLong(timestamp.strip());
		}
		catch (NumberFormatException ex) {
			return Optional.of(Verification.unauthorized(header + " is not a Unix time in seconds."));
		}
		long now = clock.instant().getEpochSecond();
		if (Math.abs(now - seconds) > TOLERANCE.toSeconds()) {
			return Optional
				.of(Verification.unauthorized(header + " is more than five minutes away from the gateway's clock."));
		}
		return Optional.empty();
	}

}
