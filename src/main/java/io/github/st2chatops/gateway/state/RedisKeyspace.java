package io.github.st2chatops.gateway.state;

import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * Every call to Redis goes through here: Spring Boot's command timeout
 * ({@code spring.data.redis.timeout}) bounds each call, and the {@code state} circuit
 * breaker answers at once while Redis keeps failing, so a dead Redis costs no latency.
 * Any failure becomes a {@link StateUnavailableException}.
 */
class RedisGuard {

	private final CircuitBreaker circuitBreaker;

	RedisGuard(CircuitBreaker circuitBreaker) {
		this.circuitBreaker = circuitBreaker;
	}

	<T> T call(String what, Supplier<T> call) {
		try {
			return this.circuitBreaker.executeSupplier(call);
		}
		catch (CallNotPermittedException ex) {
			throw new StateUnavailableException("Redis is failing; " + what + " not tried (circuit breaker 'state' is "
					+ this.circuitBreaker.getState().name().toLowerCase(java.util.Locale.ROOT) + ")", ex);
		}
		catch (RuntimeException ex) {
			throw new StateUnavailableException("Redis could not " + what + ": " + reason(ex), ex);
		}
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
