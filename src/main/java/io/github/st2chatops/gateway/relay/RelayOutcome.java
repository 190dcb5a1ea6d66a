package io.github.st2chatops.gateway.relay;

import java.time.Duration;
import java.util.Locale;

/**
 * How relaying one notification went.
 */
public sealed interface RelayOutcome {

	/**
	 * The metric and log name of the outcome: the record's name in snake case
	 * ({@code delivered}, {@code not_relayed} ...). Renaming a record renames its metric
	 * tag.
	 * @return a short lower-case name
	 */
	default String name() {
		return getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
	}

	/**
	 * Posted to chat.
	 *
	 * @param attempts how many tries it took
	 */
	record Delivered(int attempts) implements RelayOutcome {
	}

	/**
	 * The same delivery key was seen within the dedupe window: acknowledged, not posted
	 * again.
	 */
	record Duplicate() implements RelayOutcome {
	}

	/**
	 * Meant for a platform that takes no results (commands run through the REST API,
	 * whose callers read the execution): acknowledged, nothing posted.
	 */
	record NotRelayed() implements RelayOutcome {
	}

	/**
	 * The notification itself is unusable (no message).
	 *
	 * @param reason a sentence for the sender
	 */
	record Invalid(String reason) implements RelayOutcome {
	}

	/**
	 * It names no chat the gateway can reach: no address, an unknown or unconfigured
	 * platform, a whisper without a user.
	 *
	 * @param reason a sentence for the sender
	 */
	record Unroutable(String reason) implements RelayOutcome {
	}

	/**
	 * The chat platform refused it for good (unknown channel, revoked token); trying
	 * again cannot help.
	 *
	 * @param reason the platform's refusal, safe to show
	 */
	record Rejected(String reason) implements RelayOutcome {
	}

	/**
	 * Chat kept failing within the delivery bound; its claim is released so that a
	 * repeated notification is delivered.
	 *
	 * @param reason the last failure
	 * @param retryAfter when trying again makes sense
	 */
	record Failed(String reason, Duration retryAfter) implements RelayOutcome {
	}

	/**
	 * Something the gateway must ask before posting could not be asked (the shared state
	 * store, whether this is a duplicate; st2, about an inquiry), so nothing was posted
	 * (never risk posting twice).
	 *
	 * @param reason what could not be asked, a sentence for the sender without its full
	 * stop
	 * @param retryAfter when trying again makes sense
	 */
	record Unavailable(String reason, Duration retryAfter) implements RelayOutcome {
	}

}
