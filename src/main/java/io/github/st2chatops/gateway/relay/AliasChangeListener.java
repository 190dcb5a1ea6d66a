package io.github.st2chatops.gateway.relay;

/**
 * Told when st2's event stream reports that an action-alias was created, updated or
 * deleted, so that the alias catalog refreshes at once instead of at its next scheduled
 * sync. The relay configuration adapts the alias catalog synchronizer to it; the follower
 * itself knows only this interface.
 */
@FunctionalInterface
public interface AliasChangeListener {

	/**
	 * An alias changed in st2.
	 * @param event the st2 event name, e.g. {@code st2.actionalias__update}
	 */
	void aliasChanged(String event);

}
