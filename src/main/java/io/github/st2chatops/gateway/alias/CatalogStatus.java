package io.github.st2chatops.gateway.alias;

import java.time.Instant;
import java.util.List;

/**
 * How the catalog stands: what the REST API and the health contributor show.
 *
 * @param loaded whether a catalog was ever loaded from st2
 * @param aliasCount aliases in the current catalog (enabled and disabled)
 * @param enabledCount enabled aliases in the current catalog
 * @param lastSuccess when the current catalog was fetched, or {@code null}
 * @param lastAttempt when a sync was last attempted, or {@code null}
 * @param lastError why the last sync failed, {@code null} when it succeeded
 * @param invalidFormats formats st2 would reject, skipped
 * @param credentialRefused whether the last sync failed because st2 refused the gateway's
 * credential (as opposed to st2 not answering)
 */
public record CatalogStatus(boolean loaded, int aliasCount, int enabledCount, Instant lastSuccess, Instant lastAttempt,
		String lastError, List<InvalidFormat> invalidFormats, boolean credentialRefused) {

	static CatalogStatus initial() {
		return new CatalogStatus(false, 0, 0, null, null, null, List.of(), false);
	}

}
