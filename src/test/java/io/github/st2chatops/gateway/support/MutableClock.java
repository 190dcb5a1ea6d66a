package io.github.st2chatops.gateway.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that tests move forward instead of sleeping: either stopped at an instant, or
 * following the system clock; either way plus what the test has advanced it by. Safe to
 * read from the gateway's threads while a test moves it.
 */
public final class MutableClock extends Clock {

	private final Instant start;

	private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

	private MutableClock(Instant start) {
		this.start = start;
	}

	/**
	 * A clock that stands at an instant until it is advanced.
	 * @param start the instant
	 * @return the clock
	 */
	public static MutableClock at(Instant start) {
		return new MutableClock(start);
	}

	/**
	 * A clock that follows the system clock, ahead of it by what it has been advanced.
	 * @return the clock
	 */
	public static MutableClock followingSystemClock() {
		return new MutableClock(null);
	}

	/**
	 * Moves the clock forward.
	 * @param duration how far
	 */
	public void advance(Duration duration) {
		this.offset.accumulateAndGet(duration, Duration::plus);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		Instant base = (this.start != null) ? this.start : Instant.now();
		return base.plus(this.offset.get());
	}

}
