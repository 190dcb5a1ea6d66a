package io.github.st2chatops.gateway.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one message's delivery has posted so far, step by step ({@code part:0},
 * {@code part:1} ..., {@link ChatFile#STEP}), kept in a {@link DeliveryLedger} so that
 * every retry (the delivery loop's, or st2's retry of the notification on any replica)
 * resumes at the first step not yet posted.
 * <p>
 * A step is posted, unknown, or failed. Unknown means the request went out and no answer
 * came (a read timeout): the platform may have posted it. Such a step is not sent again
 * (at most once), unless the sender says the platform deduplicates a repeat of it within
 * a window (Mattermost's {@code pending_post_id}): then it is sent again, with the same
 * {@link #key(String) key}, while that window lasts.
 */
public final class PostLog {

	private static final Logger logger = LoggerFactory.getLogger(PostLog.class);

	private static final String POSTED = "P";

	private static final String UNKNOWN = "U";

	private static final String FAILED = "F";

	private final DeliveryLedger ledger;

	private final Clock clock;

	/**
	 * Step to state: P, F, or U followed by the epoch millis of the first unknown try.
	 */
	private final Map<String, String> steps;

	private int unconfirmed;

	PostLog(DeliveryLedger ledger, Clock clock) {
		this.ledger = ledger;
		this.clock = clock;
		this.steps = parse(ledger.load());
	}

	/**
	 * A log kept only in memory, for a delivery no one retries from outside (tests,
	 * tools).
	 * @return an empty log
	 */
	public static PostLog inMemory() {
		return new PostLog(DeliveryLedger.inMemory(), Clock.systemUTC());
	}

	/**
	 * Posts each part that is not posted yet, in order.
	 * @param <T> the sender's form of a part
	 * @param parts the parts, split the same way on every try
	 * @param dedupeWindow how long the platform deduplicates a repeat with the same key
	 * ({@link Duration#ZERO} when it does not)
	 * @param poster posts one part, with its key
	 * @throws ChatDeliveryException when a part was not taken (later parts are not tried)
	 */
	public <T> void postEach(List<T> parts, Duration dedupeWindow, PartPoster<T> poster) {
		for (int i = 0; i < parts.size(); i++) {
			T part = parts.get(i);
			postOnce("part:" + i, dedupeWindow, (key) -> poster.post(part, key));
		}
	}

	/**
	 * Posts one step unless it is posted already (or its outcome is unknown and the
	 * platform would not deduplicate a repeat now).
	 * @param step the step's name
	 * @param dedupeWindow how long the platform deduplicates a repeat with the same key
	 * @param poster posts it, with its key
	 * @throws ChatDeliveryException when the step was not taken
	 */
	public void postOnce(String step, Duration dedupeWindow, StepPoster poster) {
		String state = this.steps.get(step);
		if (POSTED.equals(state)) {
			return;
		}
		Instant now = this.clock.instant();
		if (state != null && state.startsWith(UNKNOWN)) {
			Instant first = Instant.ofEpochMilli(Long.parseLong(state.substring(1)));
			if (!now.isBefore(first.plus(dedupeWindow))) {
				return;
			}
		}
		try {
			poster.post(key(step));
		}
		catch (ChatDeliveryException ex) {
			if (ex.outcomeUnknown() && (state == null || !state.startsWith(UNKNOWN))) {
				this.unconfirmed++;
				record(step, UNKNOWN + now.toEpochMilli());
			}
			throw ex;
		}
		record(step, POSTED);
	}

	/**
	 * Whether a step failed for good in an earlier try (a file upload the platform
	 * refused, so the message went out in parts instead).
	 * @param step the step
	 * @return true when {@link #fail(String)} recorded it
	 */
	public boolean failed(String step) {
		return FAILED.equals(this.steps.get(step));
	}

	/**
	 * Records that a step failed for good, so that later tries take another way.
	 * @param step the step
	 */
	public void fail(String step) {
		record(step, FAILED);
	}

	/**
	 * The key of a step, the same on every try and replica: what a platform that
	 * deduplicates is given ({@code pending_post_id} ...).
	 * @param step the step
	 * @return the ledger's id and the step
	 */
	public String key(String step) {
		return this.ledger.id() + ":" + step;
	}

	/**
	 * How many steps of this try went out without an answer (and, where the platform
	 * cannot deduplicate, were not sent again).
	 * @return the count
	 */
	public int unconfirmed() {
		return this.unconfirmed;
	}

	private void record(String step, String state) {
		this.steps.put(step, state);
		try {
			this.ledger.save(format(this.steps));
		}
		catch (RuntimeException ex) {
			// this try still knows; a later try may post the step again
			logger.warn("Could not record that step {} of a delivery is {}: {}", step, describe(state),
					ex.getMessage());
		}
	}

	private static String describe(String state) {
		return switch (state.substring(0, 1)) {
			case POSTED -> "posted";
			case FAILED -> "failed";
			default -> "unknown";
		};
	}

	static Map<String, String> parse(String recorded) {
		Map<String, String> steps = new LinkedHashMap<>();
		if (recorded == null || recorded.isEmpty()) {
			return steps;
		}
		for (String entry : recorded.split(",")) {
			int equals = entry.lastIndexOf('=');
			if (equals <= 0 || equals == entry.length() - 1) {
				continue;
			}
			String state = entry.substring(equals + 1);
			if (POSTED.equals(state) || FAILED.equals(state) || (state.startsWith(UNKNOWN) && isMillis(state))) {
				steps.put(entry.substring(0, equals), state);
			}
		}
		return steps;
	}

	private static boolean isMillis(String state) {
		return state.length() > 1 && state.substring(1).chars().allMatch(Character::isDigit) && state.length() < 20;
	}

	static String format(Map<String, String> steps) {
		StringBuilder recorded = new StringBuilder();
		steps.forEach((step, state) -> {
			if (!recorded.isEmpty()) {
				recorded.append(',');
			}
			recorded.append(step).append('=').append(state);
		});
		return recorded.toString();
	}

	/**
	 * Posts one part.
	 *
	 * @param <T> the sender's form of a part
	 */
	@FunctionalInterface
	public interface PartPoster<T> {

		/**
		 * Posts it, once.
		 * @param part the part
		 * @param key the part's key, the same on every try
		 * @throws ChatDeliveryException when the platform did not take it
		 */
		void post(T part, String key);

	}

	/**
	 * Posts one step.
	 */
	@FunctionalInterface
	public interface StepPoster {

		/**
		 * Posts it, once.
		 * @param key the step's key, the same on every try
		 * @throws ChatDeliveryException when the platform did not take it
		 */
		void post(String key);

	}

}
