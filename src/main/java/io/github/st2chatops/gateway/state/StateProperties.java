package io.github.st2chatops.gateway.state;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where what must happen once across replicas is decided.
 *
 * @param store memory (one replica, the default) or redis (several)
 * @param keyPrefix prefix of every key the gateway writes in a shared store (default
 * st2chatops:)
 */
@ConfigurationProperties("gateway.state")
public record StateProperties(@DefaultValue("memory") Store store, @DefaultValue("st2chatops:") String keyPrefix) {

	/**
	 * The kinds of store.
	 */
	public enum Store {

		/** This replica's memory: right for one replica only. */
		MEMORY,

		/** Redis, shared by every replica. */
		REDIS

	}

}
