package io.github.st2chatops.gateway.alias;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the current compiled catalog and its status; both are swapped atomically, so a
 * match always sees one whole catalog.
 */
public class AliasCatalogHolder {

	private final AtomicReference<State> state = new AtomicReference<>(
			new State(AliasCatalog.empty(), CatalogStatus.initial()));

	/**
	 * The catalog to match against now (empty until the first sync succeeds).
	 * @return the catalog
	 */
	public AliasCatalog current() {
		return this.state.get().catalog();
	}

	/**
	 * The catalog's status.
	 * @return the status
	 */
	public CatalogStatus status() {
		return this.state.get().status();
	}

	void replace(AliasCatalog catalog, Instant fetchedAt) {
		int enabled = (int) catalog.aliases().stream().filter(AliasDefinition::enabled).count();
		this.state.set(new State(catalog, new CatalogStatus(true, catalog.size(), enabled, fetchedAt, fetchedAt, null,
				catalog.invalidFormats(), false)));
	}

	void recordFailure(Instant attemptedAt, String reason, boolean credentialRefused) {
		this.state.updateAndGet((current) -> {
			CatalogStatus s = current.status();
			return new State(current.catalog(), new CatalogStatus(s.loaded(), s.aliasCount(), s.enabledCount(),
					s.lastSuccess(), attemptedAt, reason, s.invalidFormats(), credentialRefused));
		});
	}

	private record State(AliasCatalog catalog, CatalogStatus status) {
	}

}
