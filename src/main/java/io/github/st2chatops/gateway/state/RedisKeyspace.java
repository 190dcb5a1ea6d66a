package io.github.st2chatops.gateway.state;

import java.util.function.Function;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The gateway's part of Redis, shared by every Redis-backed state part: its keys live
 * under {@code gateway.state.redis.key-prefix}, and every call to Redis goes through
 * {@link #call}: Spring Boot's command timeout ({@code spring.data.redis.timeout}) bounds
 * each call, and the {@code state} circuit breaker answers at once while Redis keeps
 * failing, so a dead Redis costs no latency. Any failure becomes a
 * {@link StateUnavailableException}.
 */
class RedisKeyspace {

	private final StringRedisTemplate redis;

	private final CircuitBreaker circuitBreaker;

	private final String keyPrefix;

	RedisKeyspace(StringRedisTemplate redis, CircuitBreaker circuitBreaker, String keyPrefix) {
		this.redis = redis;
		this.circuitBreaker = circuitBreaker;
		this.keyPrefix = keyPrefix;
	}

	/**
	 * The Redis key of a name.
	 * @param name the name, e.g. {@code lock:st2-stream}
	 * @return the name under the key prefix
	 */
	String key(String name) {
		return this.keyPrefix + name;
	}

	/**
	 * Calls Redis through the circuit breaker.
	 * @param <T> the answer's type
	 * @param what what the call does, for the error ("claim a key")
	 * @param call the call
	 * @return Redis's answer
	 * @throws StateUnavailableException when Redis failed or the circuit breaker is open
	 */
	<T> T call(String what, Function<StringRedisTemplate, T> call) {
		try {
			return this.circuitBreaker.executeSupplier(() -> call.apply(this.redis));
		}
		catch (CallNotPermittedException ex) {
			throw new StateUnavailableException("Redis is failing; " + what + " not tried (circuit breaker 'state' is "
					+ this.circuitBreaker.getState().name().toLowerCase(java.util.Locale.ROOT) + ")", ex);
		}
		catch (RuntimeException ex) {
			throw new StateUnavailableException("Redis could not " + what + ": " + reason(ex), ex);
		}
	}

	/**
	 * Redis without the circuit breaker, for a write that must be tried even while it is
	 * open (a repair, a release) and for health, which tells how Redis is now.
	 * @return the template
	 */
	StringRedisTemplate unguarded() {
		return this.redis;
	}

	CircuitBreaker circuitBreaker() {
		return this.circuitBreaker;
	}

	/**
	 * The innermost message: Spring's translated exceptions repeat Lettuce's one.
	 * @param ex what went wrong
	 * @return a short reason without credentials (Lettuce's messages name host and port
	 * only)
	 */
	static String reason(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String message = cause.getMessage();
		return cause.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

}
