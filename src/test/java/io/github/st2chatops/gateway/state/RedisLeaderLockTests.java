package io.github.st2chatops.gateway.state;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Redis lock and claims against a real redis-server, with this replica's monotonic
 * clock driven by the test: a stall past the TTL is simulated without waiting for it.
 */
class RedisLeaderLockTests {

	static RedisServer redis;

	static LettuceConnectionFactory connectionFactory;

	static StringRedisTemplate template;

	final AtomicLong nanos = new AtomicLong();

	final String prefix = "test-" + UUID.randomUUID() + ":";

	CircuitBreaker circuitBreaker;

	RedisLeaderLock a;

	RedisLeaderLock b;

	@BeforeAll
	static void startRedis() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		redis = new RedisServer(port);
		redis.start();
		connectionFactory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("localhost", port));
		connectionFactory.afterPropertiesSet();
		connectionFactory.start();
		template = new StringRedisTemplate(connectionFactory);
	}

	@AfterAll
	static void stopRedis() throws IOException {
		connectionFactory.destroy();
		redis.stop();
	}

	@BeforeEach
	void locks() {
		this.circuitBreaker = CircuitBreaker.ofDefaults("state");
		RedisKeyspace keyspace = new RedisKeyspace(template, this.circuitBreaker, this.prefix);
		this.a = new RedisLeaderLock(keyspace, "replica-a", this.nanos::get);
		this.b = new RedisLeaderLock(keyspace, "replica-b", this.nanos::get);
	}

	@Test
	void holderStalledPastTheTtlShouldStopBelievingItHoldsTheLockWithoutAskingRedis() {
		assertThat(this.a.acquireOrRenew("stream-follower", Duration.ofSeconds(30))).isTrue();
		assertThat(this.a.isHeld("stream-follower")).isTrue();

		this.nanos.addAndGet(Duration.ofSeconds(29).toNanos());
		assertThat(this.a.isHeld("stream-follower")).isTrue();
		this.nanos.addAndGet(Duration.ofSeconds(1).toNanos());
		assertThat(this.a.isHeld("stream-follower")).as("at the TTL").isFalse();

		// Redis still has it as a's (its real TTL has not run out), so a renews it
		assertThat(template.opsForValue().get(this.prefix + "lock:stream-follower")).isEqualTo("replica-a");
		assertThat(this.a.acquireOrRenew("stream-follower", Duration.ofSeconds(30))).isTrue();
		assertThat(this.a.isHeld("stream-follower")).isTrue();
	}

	@Test
	void lockShouldBeRenewedAndReleasedOnlyByItsOwner() {
		assertThat(this.a.acquireOrRenew("l", Duration.ofSeconds(30))).isTrue();
		assertThat(this.b.acquireOrRenew("l", Duration.ofSeconds(30))).isFalse();
		this.b.release("l");
		assertThat(template.opsForValue().get(this.prefix + "lock:l")).isEqualTo("replica-a");
		assertThat(template.getExpire(this.prefix + "lock:l")).isBetween(1L, 30L);

		this.a.destroy();
		assertThat(template.hasKey(this.prefix + "lock:l")).isFalse();
		assertThat(this.b.acquireOrRenew("l", Duration.ofSeconds(30))).isTrue();
		this.b.release("l");
	}

	@Test
	void openCircuitBreakerShouldMeanNoLockAndNoClaimAtOnce() {
		RedisClaimStore claims = new RedisClaimStore(new RedisKeyspace(template, this.circuitBreaker, this.prefix),
				"replica-a");
		assertThat(this.a.acquireOrRenew("l2", Duration.ofSeconds(30))).isTrue();
		this.circuitBreaker.transitionToOpenState();

		assertThat(this.a.acquireOrRenew("l2", Duration.ofSeconds(30))).isFalse();
		assertThat(this.a.isHeld("l2")).isFalse();
		assertThatExceptionOfType(StateUnavailableException.class)
			.isThrownBy(() -> claims.claim("slack:event:Ev1", Duration.ofMinutes(1)))
			.withMessageContaining("circuit breaker 'state' is open");

		this.circuitBreaker.reset();
		assertThat(claims.claim("slack:event:Ev1", Duration.ofMinutes(1))).isTrue();
		assertThat(claims.claim("slack:event:Ev1", Duration.ofMinutes(1))).isFalse();
		// the value names the attempt: this replica's id and a random attempt id,
		// confirmed
		assertThat(template.opsForValue().get(this.prefix + "slack:event:Ev1")).startsWith("held:replica-a/");
		claims.release("slack:event:Ev1");
		assertThat(claims.claim("slack:event:Ev1", Duration.ofMinutes(1))).isTrue();
	}

}
