package io.github.st2chatops.gateway.chat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.st2chatops.gateway.state.ClaimStore;

/**
 * Where a delivery's {@link PostLog} is kept between tries.
 */
public interface DeliveryLedger {

	/**
	 * What names this delivery on every try and replica; platforms that deduplicate get
	 * keys made from it.
	 * @return an id without ':' or ','
	 */
	String id();

	/**
	 * What was recorded so far.
	 * @return the recorded steps, or {@code null} for a delivery not tried before
	 * @throws io.github.st2chatops.gateway.state.StateUnavailableException when the store
	 * cannot say
	 */
	String load();

	/**
	 * Records the steps.
	 * @param steps the recorded steps
	 */
	void save(String steps);

	/**
	 * A ledger in memory, for one delivery (a command's reply, which no one retries from
	 * outside).
	 * @return an empty ledger
	 */
	static DeliveryLedger inMemory() {
		AtomicReference<String> steps = new AtomicReference<>();
		return new Functional(UUID.randomUUID().toString().replace("-", ""), steps::get, steps::set);
	}

	/**
	 * A ledger kept with a claim ({@link ClaimStore#progress}), so that whoever claims
	 * the key next, on any replica, resumes where this delivery stopped.
	 * @param claims the claim store
	 * @param claimKey the claimed key
	 * @param id the delivery's id
	 * @param ttl how long the record is kept (the claim's window)
	 * @return the ledger
	 */
	static DeliveryLedger inClaim(ClaimStore claims, String claimKey, String id, Duration ttl) {
		return new Functional(id, () -> claims.progress(claimKey),
				(recorded) -> claims.recordProgress(claimKey, recorded, ttl));
	}

	/**
	 * A ledger made of functions.
	 *
	 * @param id the delivery's id
	 * @param loader reads the record
	 * @param saver writes it
	 */
	record Functional(String id, Supplier<String> loader, Consumer<String> saver) implements DeliveryLedger {

		@Override
		public String load() {
			return this.loader.get();
		}

		@Override
		public void save(String steps) {
			this.saver.accept(steps);
		}

	}

}
