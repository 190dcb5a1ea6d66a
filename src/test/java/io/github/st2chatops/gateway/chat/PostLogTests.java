package io.github.st2chatops.gateway.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.st2chatops.gateway.state.InMemoryClaimStore;
import io.github.st2chatops.gateway.support.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a delivery records of its posts, and how a later try reads it back.
 */
class PostLogTests {

	private final MutableClock clock = MutableClock.followingSystemClock();

	private final InMemoryClaimStore claims = new InMemoryClaimStore(this.clock);

	private final List<String> posted = new ArrayList<>();

	@Test
	void retryAfterAFailedPartShouldResumeAtThatPartOnAnotherLogOfTheSameClaim() {
		DeliveryLedger ledger = DeliveryLedger.inClaim(this.claims, "relay:notification:key:1", "d1",
				Duration.ofMinutes(10));
		assertThatExceptionOfType(ChatDeliveryException.class).isThrownBy(() -> new PostLog(ledger, this.clock)
			.postEach(List.of("a", "b", "c"), Duration.ZERO, failingOn("b", false)));

		new PostLog(ledger, this.clock).postEach(List.of("a", "b", "c"), Duration.ZERO, failingOn(null, false));

		assertThat(this.posted).containsExactly("a", "b", "c");
		assertThat(this.claims.progress("relay:notification:key:1")).isEqualTo("part:0=P,part:1=P,part:2=P");
	}

	@Test
	void partWhoseAnswerTimedOutShouldNotBeSentAgainWhenThePlatformDoesNotDeduplicate() {
		PostLog log = new PostLog(DeliveryLedger.inMemory(), this.clock);
		assertThatExceptionOfType(ChatDeliveryException.class)
			.isThrownBy(() -> log.postEach(List.of("a", "b"), Duration.ZERO, failingOn("a", true)));

		log.postEach(List.of("a", "b"), Duration.ZERO, failingOn(null, false));

		assertThat(this.posted).containsExactly("b");
		assertThat(log.unconfirmed()).isEqualTo(1);
	}

	@Test
	void partWhoseAnswerTimedOutShouldBeSentAgainWithTheSameKeyOnlyWithinTheDedupeWindow() {
		DeliveryLedger ledger = DeliveryLedger.inMemory();
		List<String> keys = new ArrayList<>();
		PostLog.PartPoster<String> timingOut = (part, key) -> {
			keys.add(key);
			throw new ChatDeliveryException("read timed out", true, null, true, null);
		};
		PostLog log = new PostLog(ledger, this.clock);
		assertThatExceptionOfType(ChatDeliveryException.class)
			.isThrownBy(() -> log.postEach(List.of("a"), Duration.ofSeconds(25), timingOut));
		this.clock.advance(Duration.ofSeconds(10));
		assertThatExceptionOfType(ChatDeliveryException.class).isThrownBy(
				() -> new PostLog(ledger, this.clock).postEach(List.of("a"), Duration.ofSeconds(25), timingOut));
		this.clock.advance(Duration.ofSeconds(16));

		new PostLog(ledger, this.clock).postEach(List.of("a"), Duration.ofSeconds(25), timingOut);

		assertThat(keys).hasSize(2).containsOnly(ledger.id() + ":part:0");
	}

	@Test
	void failedStepShouldBeRememberedByLaterTries() {
		DeliveryLedger ledger = DeliveryLedger.inMemory();
		new PostLog(ledger, this.clock).fail(ChatFile.STEP);

		assertThat(new PostLog(ledger, this.clock).failed(ChatFile.STEP)).isTrue();
	}

	@Test
	void unreadableRecordShouldKeepOnlyWhatItCanRead() {
		assertThat(PostLog.parse("part:0=P,garbage,part:1=X,part:2=U12,=P,file=F")).containsOnlyKeys("part:0", "part:2",
				"file");
	}

	@Test
	void recordThatCannotBeWrittenShouldNotStopTheDelivery() {
		DeliveryLedger failing = new DeliveryLedger.Functional("d2", () -> null, (steps) -> {
			throw new IllegalStateException("store down");
		});
		PostLog log = new PostLog(failing, this.clock);

		log.postEach(List.of("a", "b"), Duration.ZERO, failingOn(null, false));
		log.postEach(List.of("a", "b"), Duration.ZERO, failingOn(null, false));

		assertThat(this.posted).containsExactly("a", "b");
	}

	private PostLog.PartPoster<String> failingOn(String failing, boolean unknown) {
		return (part, key) -> {
			if (part.equals(failing)) {
				throw new ChatDeliveryException("503", true, null, unknown, null);
			}
			this.posted.add(part);
		};
	}

}
