package io.github.st2chatops.gateway.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTests {

	final Clock clock = Clock.fixed(Instant.parse("2015-10-21T07:28:00Z"), ZoneOffset.UTC);

	@Test
	void parseShouldReadSeconds() {
		assertThat(RetryAfter.parse("120", this.clock)).isEqualTo(Duration.ofSeconds(120));
		assertThat(RetryAfter.parse(" 0 ", this.clock)).isEqualTo(Duration.ZERO);
	}

	@Test
	void parseShouldReadAnHttpDate() {
		// RFC 9110's own example
		assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:28:30 GMT", this.clock)).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void parseOfADateInThePastShouldBeZero() {
		assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:27:00 GMT", this.clock)).isEqualTo(Duration.ZERO);
	}

	@Test
	void parseOfNothingOrNonsenseShouldBeNull() {
		assertThat(RetryAfter.parse(null, this.clock)).isNull();
		assertThat(RetryAfter.parse("", this.clock)).isNull();
		assertThat(RetryAfter.parse("soon", this.clock)).isNull();
		assertThat(RetryAfter.parse("-5", this.clock)).isNull();
		assertThat(RetryAfter.parse("1.5", this.clock)).isNull();
		assertThat(RetryAfter.parse("99999999999999999999999", this.clock)).isNull();
	}

}
