package io.github.st2chatops.gateway.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link ChatDelivery.Sleeper} that records the waits it is asked for and returns at
 * once, so retry tests assert {@code Retry-After} without sleeping.
 */
public class RecordingSleeper implements ChatDelivery.Sleeper {

	private final List<Duration> waits = new CopyOnWriteArrayList<>();

	@Override
	public boolean sleep(Duration duration) {
		this.waits.add(duration);
		return true;
	}

	/**
	 * The waits asked for so far.
	 * @return a copy
	 */
	public List<Duration> waits() {
		return new ArrayList<>(this.waits);
	}

	/**
	 * Forgets the waits.
	 */
	public void reset() {
		this.waits.clear();
	}

}
