package io.github.st2chatops.gateway.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Whether Redis keeps claims for their whole window: its eviction policy (with
 * {@code maxmemory} set, any policy but {@code noeviction} may evict claims, which all
 * carry a TTL, so a repeat would run again) and its persistence (without RDB snapshots or
 * AOF, a Redis restart forgets every claim). Read with {@code CONFIG GET}; managed Redis
 * services often refuse that command, and then both are "unknown". Warned about once at
 * start-up and shown in {@code state} health; never a reason to be DOWN.
 */
class RedisDurability implements ApplicationListener<ApplicationReadyEvent> {

	private static final Logger logger = LoggerFactory.getLogger(RedisDurability.class);

	static final String UNKNOWN = "unknown";

	/** How long one reading is reused by health checks. */
	static final long CACHE_NANOS = 60_000_000_000L;

	private final StringRedisTemplate redis;

	private final LongSupplier nanoTime;

	private volatile Reading last;

	private volatile long readAt;

	RedisDurability(StringRedisTemplate redis) {
		this(redis, System::nanoTime);
	}

	RedisDurability(StringRedisTemplate redis, LongSupplier nanoTime) {
		this.redis = redis;
		this.nanoTime = nanoTime;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		Reading reading = read();
		for (String warning : reading.warnings()) {
			logger.warn("Redis state store: {}", warning);
		}
	}

	/**
	 * What Redis says now, or at most a minute ago.
	 * @return the eviction policy, the persistence and the warnings they call for
	 */
	Reading reading() {
		Reading reading = this.last;
		if (reading == null || this.nanoTime.getAsLong() - this.readAt > CACHE_NANOS) {
			reading = read();
		}
		return reading;
	}

	Reading read() {
		Properties config;
		try {
			config = this.redis.execute((RedisCallback<Properties>) RedisDurability::config);
		}
		catch (RuntimeException ex) {
			// not cached: Redis may be down, the next health check asks again
			return new Reading(UNKNOWN, UNKNOWN,
					List.of("could not read Redis's eviction policy and persistence (" + RedisKeyspace.reason(ex)
							+ "; managed Redis services often refuse CONFIG GET), so both are unknown: claims are "
							+ "kept for their whole window only with maxmemory-policy noeviction (or no maxmemory) "
							+ "and survive a Redis restart only with persistence on (docs/state.md)"));
		}
		Reading reading = interpret(config);
		this.last = reading;
		this.readAt = this.nanoTime.getAsLong();
		return reading;
	}

	static Reading interpret(Properties config) {
		String policy = value(config, "maxmemory-policy");
		String maxmemory = value(config, "maxmemory");
		String save = value(config, "save");
		String appendonly = value(config, "appendonly");
		List<String> warnings = new ArrayList<>();
		String eviction;
		if (policy == null || maxmemory == null) {
			eviction = UNKNOWN;
			warnings.add("Redis did not report maxmemory and maxmemory-policy: whether it may evict claims is "
					+ "unknown (docs/state.md)");
		}
		else {
			eviction = policy;
			if (!"noeviction".equals(policy) && !"0".equals(maxmemory)) {
				warnings.add("maxmemory-policy is " + policy + " with maxmemory " + maxmemory + ": Redis may evict "
						+ "claims (they carry a TTL) when memory runs short, and a repeat of an evicted claim "
						+ "runs or posts again; use noeviction, or no maxmemory (docs/state.md)");
			}
		}
		String persistence;
		if (save == null || appendonly == null) {
			persistence = UNKNOWN;
		}
		else {
			boolean rdb = !save.isBlank();
			boolean aof = "yes".equals(appendonly.toLowerCase(Locale.ROOT));
			persistence = (rdb && aof) ? "rdb+aof" : rdb ? "rdb" : aof ? "aof" : "off";
			if (!rdb && !aof) {
				warnings.add("persistence is off (no RDB snapshots, no AOF): a Redis restart forgets every claim, "
						+ "and a repeat that arrives after it runs or posts again (docs/state.md)");
			}
		}
		return new Reading(eviction, persistence, List.copyOf(warnings));
	}

	private static Properties config(RedisConnection connection) {
		Properties config = new Properties();
		for (String name : List.of("maxmemory", "maxmemory-policy", "save", "appendonly")) {
			Properties one = connection.serverCommands().getConfig(name);
			if (one != null) {
				config.putAll(one);
			}
		}
		return config;
	}

	// a cluster answers with keys prefixed by the node; any node's value will do
	private static String value(Properties config, String name) {
		String value = config.getProperty(name);
		if (value != null) {
			return value;
		}
		for (String key : config.stringPropertyNames()) {
			if (key.endsWith("." + name)) {
				return config.getProperty(key);
			}
		}
		return null;
	}

	/**
	 * What Redis's configuration means for claims.
	 *
	 * @param evictionPolicy Redis's maxmemory-policy, or "unknown"
	 * @param persistence rdb, aof, rdb+aof, off or unknown
	 * @param warnings what an operator should know, empty when nothing
	 */
	record Reading(String evictionPolicy, String persistence, List<String> warnings) {
	}

}
