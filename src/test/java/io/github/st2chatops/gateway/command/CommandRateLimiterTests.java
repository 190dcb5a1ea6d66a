package io.github.st2chatops.gateway.command;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CommandRateLimiterTests {

	@Test
	void perUserLimitShouldRefuseTheUserButNotOthers() {
		InMemoryCommandRateLimiter limiter = new InMemoryCommandRateLimiter(
				new RateLimitProperties(true, "2/1h", "100/1h"), 100);
		Requester alice = new Requester("slack:U1", "slack:C1", false);
		Requester bob = new Requester("slack:U2", "slack:C1", false);

		assertThat(limiter.acquire(alice)).isEmpty();
		assertThat(limiter.acquire(alice)).isEmpty();
		assertThat(limiter.acquire(alice))
			.hasValueSatisfying((wait) -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofHours(1)));
		assertThat(limiter.acquire(bob)).isEmpty();
	}

	@Test
	void perChannelLimitShouldRefuseEveryoneInTheChannel() {
		InMemoryCommandRateLimiter limiter = new InMemoryCommandRateLimiter(
				new RateLimitProperties(true, "100/1h", "2/1h"), 100);

		assertThat(limiter.acquire(new Requester("slack:U1", "slack:C1", false))).isEmpty();
		assertThat(limiter.acquire(new Requester("slack:U2", "slack:C1", false))).isEmpty();
		assertThat(limiter.acquire(new Requester("slack:U3", "slack:C1", false))).isPresent();
		assertThat(limiter.acquire(new Requester("slack:U3", "slack:C2", false))).isEmpty();
		assertThat(limiter.acquire(new Requester("api:ci", null, false))).isEmpty();
	}

	@Test
	void forgottenUsersShouldStartAfresh() {
		InMemoryCommandRateLimiter limiter = new InMemoryCommandRateLimiter(
				new RateLimitProperties(true, "1/1h", "100/1h"), 2);
		Requester first = new Requester("slack:U1", null, false);

		assertThat(limiter.acquire(first)).isEmpty();
		assertThat(limiter.acquire(first)).isPresent();
		limiter.acquire(new Requester("slack:U2", null, false));
		limiter.acquire(new Requester("slack:U3", null, false));
		assertThat(limiter.acquire(first)).isEmpty();
	}

	@Test
	void ratesShouldParseCountPerPeriod() {
		assertThat(RateLimitProperties.Rate.parse("20/1m", "p"))
			.isEqualTo(new RateLimitProperties.Rate(20, Duration.ofMinutes(1)));
		assertThat(RateLimitProperties.Rate.parse(" 5 / 10s ", "p"))
			.isEqualTo(new RateLimitProperties.Rate(5, Duration.ofSeconds(10)));
		for (String bad : new String[] { "20", "0/1m", "-1/1m", "20/0s", "x/1m", "20/soon", "/1m", "" }) {
			assertThatIllegalArgumentException().isThrownBy(() -> new RateLimitProperties(true, bad, "1/1m"))
				.withMessageContaining("gateway.rate-limit.per-user");
		}
	}

}
