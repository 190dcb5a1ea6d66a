package io.github.st2chatops.gateway.relay;

/**
 * Told when st2's event stream reports that an action-alias was created, updated or
 * deleted, so that the alias catalog refreshes at once instead of at its next scheduled
 * sync. Declared here so that {@code relay} does not depend on {@code alias}: the catalog
 * synchronizer is adapted to it where both are wired.
 */
@FunctionalInterface
public interface AliasChangeListener {

	/**
	 * An alias changed in st2.
	 * @param event the st2 event name, e.g. {@code st2.actionalias__update}
	 */
	void aliasChanged(String event);

}
