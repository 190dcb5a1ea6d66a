package io.github.st2chatops.gateway.command;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.github.st2chatops.gateway.alias.AliasCatalogHolder;
import io.github.st2chatops.gateway.alias.CatalogStatus;

/**
 * Whether the catalog can be trusted to answer commands, help and dry runs. It cannot
 * when no catalog was ever loaded from st2, or when syncs fail and the last good one is
 * older than {@code gateway.catalog.max-age}: then the pipeline answers
 * {@code unavailable} with the reason, never "no match" because of st2's state.
 */
final class CatalogAvailability {

	private final AliasCatalogHolder catalogs;

	private final Duration maxAge;

	private final Clock clock;

	CatalogAvailability(AliasCatalogHolder catalogs, Duration maxAge, Clock clock) {
		this.catalogs = catalogs;
		this.maxAge = maxAge;
		this.clock = clock;
	}

	/**
	 * Why the catalog cannot be used now.
	 * @return a sentence for chat and the REST API, empty when the catalog is usable
	 */
	Optional<String> unavailableReason() {
		CatalogStatus status = this.catalogs.status();
		if (!status.loaded()) {
			if (status.lastAttempt() == null) {
				return Optional.of("The gateway has not loaded st2's commands yet (it is starting), so nothing ran. "
						+ "Try again in a moment.");
			}
			return Optional
				.of(cause(status) + ", so the gateway does not know its commands and nothing ran. " + nextStep(status));
		}
		Instant now = this.clock.instant();
		Duration age = Duration.between(status.lastSuccess(), now);
		// stale only while syncs fail: a catalog st2 keeps confirming is current
		if (status.lastError() != null && age.compareTo(this.maxAge) > 0) {
			return Optional.of(cause(status) + " for " + describe(age)
					+ ", so the gateway's list of commands is out of date and nothing ran. " + nextStep(status));
		}
		return Optional.empty();
	}

	private static String cause(CatalogStatus status) {
		return status.credentialRefused() ? "st2 refused the gateway's credential"
				: "st2 cannot be reached by the gateway";
	}

	private static String nextStep(CatalogStatus status) {
		return status.credentialRefused() ? "An operator needs to check the gateway's st2 credentials."
				: "Try again in a few minutes.";
	}

	private static String describe(Duration age) {
		if (age.toMinutes() < 1) {
			return age.toSeconds() + " seconds";
		}
		long minutes = age.toMinutes();
		return minutes + ((minutes == 1) ? " minute" : " minutes");
	}

}
