package io.github.st2chatops.gateway.st2;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.st2chatops.gateway.support.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.HttpClientErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The one token issuer behind the gateway's token and per-user impersonation: its
 * metrics, and impersonation's single-flight per user without holding any map lock during
 * the HTTP call.
 */
class St2TokenIssuerTests {

	private final MutableClock clock = MutableClock.at(Instant.parse("2026-12-06T01:00:00Z"));

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final St2Properties properties = new St2Properties(URI.create("http://st2.invalid"), null, null, null, null,
			null, "chatops_bot", "secret-password", null, null, Duration.ofSeconds(5), Duration.ofSeconds(30), true,
			null, null, null, 100, new St2Properties.Retry(0, Duration.ofMillis(200)));

	@Test
	void gatewayTokenShouldBeCountedAndItsExpiryKnown() {
		St2AuthApi api = (requestId, authorization, request) -> {
			assertThat(authorization).isEqualTo("Basic Y2hhdG9wc19ib3Q6c2VjcmV0LXBhc3N3b3Jk");
			return ResponseEntity.status(201).body(token("chatops_bot", "gateway-token", "2026-12-07T01:00:00Z"));
		};
		St2TokenProvider provider = new St2TokenProvider(this.properties, issuer(api), this.clock);
		assertThat(provider.currentHeader().value()).isEqualTo("gateway-token");
		assertThat(provider.tokenExpiry()).contains(Instant.parse("2026-12-07T01:00:00Z"));
		assertThat(count("gateway", "success")).isOne();
	}

	@Test
	void refusedCredentialShouldBeCountedAsRefused() {
		St2AuthApi api = (requestId, authorization, request) -> {
			throw HttpClientErrorException.create(HttpStatus.UNAUTHORIZED, "Unauthorized", HttpHeaders.EMPTY,
					"{\"faultstring\": \"Invalid or missing credentials\"}".getBytes(), null);
		};
		St2TokenProvider provider = new St2TokenProvider(this.properties, issuer(api), this.clock);
		assertThatExceptionOfType(St2AuthenticationException.class).isThrownBy(provider::currentHeader)
			.withMessageContaining("gateway.st2.username/gateway.st2.password")
			.withMessageNotContaining("secret-password");
		assertThat(count("gateway", "refused")).isOne();
	}

	@Test
	void tokenWithoutReadableExpiryShouldBeCountedAsUnavailable() {
		St2AuthApi api = (requestId, authorization, request) -> ResponseEntity.status(201)
			.body(token("chatops_bot", "t", "tomorrow"));
		assertThatExceptionOfType(St2UnavailableException.class)
			.isThrownBy(() -> issuer(api).issue(new St2TokenRequest(null), "gateway", (text) -> text))
			.withMessageContaining("without a readable expiry");
		assertThat(count("gateway", "unavailable")).isOne();
	}

	@Test
	void concurrentCommandsOfOneUserShouldCauseOneTokenRequestAndNotBlockOtherUsers() throws Exception {
		CountDownLatch aliceAsked = new CountDownLatch(1);
		CountDownLatch releaseAlice = new CountDownLatch(1);
		ConcurrentHashMap<String, AtomicInteger> requests = new ConcurrentHashMap<>();
		St2AuthApi api = (requestId, authorization, request) -> {
			requests.computeIfAbsent(request.user(), (user) -> new AtomicInteger()).incrementAndGet();
			if (request.user().equals("alice")) {
				aliceAsked.countDown();
				await(releaseAlice);
			}
			return ResponseEntity.status(201)
				.body(token(request.user(), request.user() + "-token", "2026-12-07T01:00:00Z"));
		};
		St2Impersonation impersonation = impersonation(api);

		List<CompletableFuture<St2Identity>> alices = List.of(
				CompletableFuture.supplyAsync(() -> impersonation.identityOf("slack", "U1")),
				CompletableFuture.supplyAsync(() -> impersonation.identityOf("slack", "U1")),
				CompletableFuture.supplyAsync(() -> impersonation.identityOf("slack", "U1")));
		assertThat(aliceAsked.await(10, TimeUnit.SECONDS)).isTrue();
		// alice's token request is in flight: bob does not wait for it
		assertThat(
				CompletableFuture.supplyAsync(() -> impersonation.identityOf("slack", "U2")).get(10, TimeUnit.SECONDS))
			.isEqualTo(new St2Identity.User("bob", new St2AuthHeader(St2AuthHeader.AUTH_TOKEN, "bob-token")));
		releaseAlice.countDown();
		for (CompletableFuture<St2Identity> alice : alices) {
			assertThat(alice.get(10, TimeUnit.SECONDS))
				.isEqualTo(new St2Identity.User("alice", new St2AuthHeader(St2AuthHeader.AUTH_TOKEN, "alice-token")));
		}
		assertThat(requests.get("alice")).hasValue(1);
		assertThat(requests.get("bob")).hasValue(1);
		assertThat(count("user", "success")).isEqualTo(2);
	}

	@Test
	void userTokenShouldBeReusedUntilItsRenewalIsDue() {
		AtomicInteger requests = new AtomicInteger();
		St2AuthApi api = (requestId, authorization, request) -> ResponseEntity.status(201)
			.body(token("alice", "alice-token-" + requests.incrementAndGet(), "2026-12-06T02:00:00Z"));
		St2Impersonation impersonation = impersonation(api);
		impersonation.identityOf("slack", "U1");
		this.clock.advance(Duration.ofMinutes(50));
		impersonation.identityOf("slack", "U1");
		assertThat(requests).hasValue(1);
		// renewal is due 6 minutes before expiry (10% of an hour, at least 60 s)
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(((St2Identity.User) impersonation.identityOf("slack", "U1")).header().value())
			.isEqualTo("alice-token-2");
	}

	@Test
	void failedUserTokenRequestShouldBeSharedByThoseWaitingAndNotCached() {
		AtomicInteger requests = new AtomicInteger();
		St2AuthApi api = (requestId, authorization, request) -> {
			requests.incrementAndGet();
			throw HttpClientErrorException.create(HttpStatus.BAD_REQUEST, "Bad Request", HttpHeaders.EMPTY,
					"{\"faultstring\": \"User alice does not exist\"}".getBytes(), null);
		};
		St2Impersonation impersonation = impersonation(api);
		assertThatExceptionOfType(St2ImpersonationRefusedException.class)
			.isThrownBy(() -> impersonation.identityOf("slack", "U1"))
			.withMessageContaining("User alice does not exist");
		assertThatExceptionOfType(St2ImpersonationRefusedException.class)
			.isThrownBy(() -> impersonation.identityOf("slack", "U1"));
		assertThat(requests).hasValue(2);
		assertThat(count("user", "refused")).isEqualTo(2);
	}

	private St2Impersonation impersonation(St2AuthApi api) {
		St2ImpersonationProperties settings = new St2ImpersonationProperties(true,
				List.of("slack:U1=alice", "slack:U2=bob"), List.of(), St2ImpersonationProperties.Fallback.REFUSE);
		St2TokenIssuer issuer = issuer(api);
		return new St2Impersonation(settings, issuer, new St2TokenProvider(this.properties, issuer, this.clock),
				this.clock);
	}

	private St2TokenIssuer issuer(St2AuthApi api) {
		return new St2TokenIssuer(this.properties, api, this.clock, this.meters);
	}

	private double count(String identity, String outcome) {
		return this.meters.counter("gateway.st2.token.renewals", "identity", identity, "outcome", outcome).count();
	}

	private static St2Token token(String user, String value, String expiry) {
		return new St2Token(user, value, expiry, "id", null);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
