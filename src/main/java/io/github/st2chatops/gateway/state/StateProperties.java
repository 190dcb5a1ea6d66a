package io.github.st2chatops.gateway.state;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where what must happen once across replicas is decided.
 *
 * @param store {@code memory} (one replica, the default) or {@code redis} (several)
 * @param keyPrefix prefix of every key the gateway writes in a shared store (default
 * {@code st2chatops:})
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
