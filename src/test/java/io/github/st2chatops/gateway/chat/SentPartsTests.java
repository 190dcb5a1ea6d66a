package io.github.st2chatops.gateway.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.github.st2chatops.gateway.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class SentPartsTests {

	private final ChatAddress address = new ChatAddress("slack", "T1", "C1", null, "U1", "U1", null);

	@Test
	void nextWhenPartsWereSentShouldResumeAfterThem() {
		SentParts parts = new SentParts(Clock.systemUTC());
		ChatReply reply = ChatReply.of(this.address, "text");
		assertThat(parts.next(reply)).isZero();
		parts.sent(reply, 2);
		assertThat(parts.next(reply)).isEqualTo(2);
		parts.done(reply);
		assertThat(parts.next(reply)).isZero();
	}

	@Test
	void nextWhenAnEqualButDifferentReplyShouldStartAtTheBeginning() {
		SentParts parts = new SentParts(Clock.systemUTC());
		ChatReply reply = ChatReply.of(this.address, "same");
		parts.sent(reply, 1);
		assertThat(parts.next(ChatReply.of(this.address, "same"))).isZero();
	}

	@Test
	void nextWhenProgressIsOldShouldForgetIt() {
		MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
		SentParts parts = new SentParts(clock);
		ChatReply reply = ChatReply.of(this.address, "text");
		parts.sent(reply, 1);
		clock.advance(Duration.ofMinutes(11));
		assertThat(parts.next(reply)).isZero();
		assertThat(parts.size()).isZero();
	}

}
