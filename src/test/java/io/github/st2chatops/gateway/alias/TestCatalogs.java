package io.github.st2chatops.gateway.alias;

import java.time.Instant;
import java.util.List;

/**
 * Puts a catalog, or a failed sync, into a holder the way the synchronizer does, for
 * tests of other packages that read the holder.
 */
public final class TestCatalogs {

	private TestCatalogs() {
	}

	/**
	 * A holder as after a successful sync.
	 * @param syncedAt when the sync succeeded
	 * @param aliases the aliases st2 answered
	 * @return the holder
	 */
	public static AliasCatalogHolder loaded(Instant syncedAt, AliasDefinition... aliases) {
		AliasCatalogHolder holder = new AliasCatalogHolder();
		holder.replace(AliasCatalog.compile(List.of(aliases)), syncedAt);
		return holder;
	}

	/**
	 * Records a failed sync, as the synchronizer does.
	 * @param holder the holder
	 * @param attemptedAt when the sync failed
	 * @param credentialRefused whether st2 refused the gateway's credential
	 */
	public static void failed(AliasCatalogHolder holder, Instant attemptedAt, boolean credentialRefused) {
		holder.recordFailure(attemptedAt, credentialRefused ? "st2 refused the credential" : "connection refused",
				credentialRefused);
	}

}
