package io.github.st2chatops.gateway.chat;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiPredicate;

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
	 * Verifies a request signed over a timestamp and its body: both headers present, the
	 * timestamp within the tolerance, then the signature.
	 * @param request the request
	 * @param timestampHeader the header with the timestamp
	 * @param signatureHeader the header with the signature
	 * @param platform the platform's name, for the refusal of a wrong signature
	 * @param clock the gateway's clock
	 * @param signatureMatches whether the signature (as sent) matches the timestamp (as
	 * sent) and the body; never throws for a malformed signature
	 * @return the verification
	 */
	public static Verification verify(ChatRequest request, String timestampHeader, String signatureHeader,
			String platform, Clock clock, BiPredicate<String, String> signatureMatches) {
		String timestamp = request.header(timestampHeader);
		String signature = request.header(signatureHeader);
		if (timestamp == null || timestamp.isBlank() || signature == null || signature.isBlank()) {
			return Verification
				.unauthorized("The " + signatureHeader + " and " + timestampHeader + " headers are required.");
		}
		Optional<Verification> late = refusal(timestampHeader, timestamp, clock);
		if (late.isPresent()) {
			return late.get();
		}
		if (!signatureMatches.test(timestamp, signature)) {
			return Verification.unauthorized("The " + platform + " signature does not match the request.");
		}
		return Verification.verified();
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
