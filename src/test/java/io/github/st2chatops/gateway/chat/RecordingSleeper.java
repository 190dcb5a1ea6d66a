package io.github.st2chatops.gateway.chat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link ChatDelivery.Sleeper} that records the waits it is asked for and returns at
 * once, so retry tests assert the wait (a platform's {@code Retry-After}) without
 * sleeping.
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
	 * @return the waits
	 */
	public List<Duration> waits() {
		return List.copyOf(this.waits);
	}

	/**
	 * Forgets them.
	 */
	public void reset() {
		this.waits.clear();
	}

}
