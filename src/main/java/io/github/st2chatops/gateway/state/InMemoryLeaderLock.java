package io.github.st2chatops.gateway.state;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * With one replica there is nobody to compete with: the lock is simply held.
 */
public class InMemoryLeaderLock implements LeaderLock {

	private final Set<String> held = ConcurrentHashMap.newKeySet();

	@Override
	public boolean acquireOrRenew(String name, Duration ttl) {
		this.held.add(name);
		return true;
	}

	@Override
	public boolean isHeld(String name) {
		return this.held.contains(name);
	}

	@Override
	public void release(String name) {
		this.held.remove(name);
	}

}
