package io.github.st2chatops.gateway.st2;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;
import java.util.function.UnaryOperator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.http.ResponseEntity;
import org.springframework.util.StringUtils;

/**
 * Asks st2's auth service for tokens ({@code POST /auth/v1/tokens}) with the gateway's
 * username and password (Basic), for the gateway itself ({@link St2TokenProvider}) and
 * for the users it acts for ({@link St2Impersonation}). Reads the expiry, decides when to
 * renew, and counts every request in {@code gateway.st2.token.renewals} by outcome.
 * Failures come out as {@link St2Exception}s, with every secret redacted.
 */
class St2TokenIssuer {

	private static final Duration MINIMUM_MARGIN = Duration.ofSeconds(60);

	private final St2Properties properties;

	private final St2AuthApi authApi;

	private final Clock clock;

	private final MeterRegistry meterRegistry;

	St2TokenIssuer(St2Properties properties, St2AuthApi authApi, Clock clock, MeterRegistry meterRegistry) {
		this.properties = properties;
		this.authApi = authApi;
		this.clock = clock;
		this.meterRegistry = meterRegistry;
	}

	/**
	 * Asks for one token.
	 * @param request the body (ttl, and whom to impersonate)
	 * @param identity {@code gateway} or {@code user}, the metrics tag
	 * @param redaction masks secrets in st2's error texts
	 * @return the token
	 * @throws St2Exception as st2's auth service fails or refuses, translated like any
	 * st2 call; a token request executes nothing, so an unavailable one is always safe to
	 * retry
	 */
	IssuedToken issue(St2TokenRequest request, String identity, UnaryOperator<String> redaction) {
		String requestId = UUID.randomUUID().toString();
		Instant requestedAt = this.clock.instant();
		try {
			ResponseEntity<St2Token> response = this.authApi.createToken(requestId, basic(), request);
			St2Token body = response.getBody();
			String echoedId = St2ErrorTranslator.requestId(response.getHeaders(), requestId);
			if (body == null || !StringUtils.hasText(body.token())) {
				throw new St2UnavailableException("st2's auth service answered without a token", false, echoedId, null);
			}
			Instant expiry = expiry(body, echoedId);
			IssuedToken issued = new IssuedToken(body.token(),
					StringUtils.hasText(body.user()) ? body.user() : request.user(), expiry,
					renewAt(requestedAt, expiry, this.properties.tokenRenewalMargin()));
			count(identity, "success");
			return issued;
		}
		catch (St2Exception ex) {
			count(identity, (ex instanceof St2UnavailableException) ? "unavailable" : "refused");
			throw ex;
		}
		catch (RuntimeException ex) {
			St2Exception failure = new St2ErrorTranslator(redaction).translate("token request", ex, requestId);
			if (failure instanceof St2UnavailableException unavailable) {
				count(identity, "unavailable");
				throw new St2UnavailableException(unavailable.getMessage(), false, unavailable.requestId(),
						unavailable.getCause());
			}
			count(identity, "refused");
			throw failure;
		}
	}

	private static Instant expiry(St2Token body, String requestId) {
		try {
			return OffsetDateTime.parse(body.expiry()).toInstant();
		}
		catch (DateTimeParseException | NullPointerException ex) {
			throw new St2UnavailableException("st2's auth service answered a token without a readable expiry", false,
					requestId, null);
		}
	}

	private void count(String identity, String outcome) {
		Counter.builder("gateway.st2.token.renewals")
			.description("Token requests to st2's auth service, by whom for and outcome")
			.tag("identity", identity)
			.tag("outcome", outcome)
			.register(this.meterRegistry)
			.increment();
	}

	/**
	 * When to renew a token: {@code gateway.st2.token-renewal-margin} before it expires,
	 * by default 10% of its lifetime, at least 60 s, at most half its lifetime.
	 * @param requestedAt when the token was asked for
	 * @param expiry when it expires
	 * @param configuredMargin the configured margin or {@code null}
	 * @return the renewal time
	 */
	static Instant renewAt(Instant requestedAt, Instant expiry, Duration configuredMargin) {
		Duration lifetime = Duration.between(requestedAt, expiry);
		Duration margin = configuredMargin;
		if (margin == null) {
			margin = lifetime.dividedBy(10);
			if (margin.compareTo(MINIMUM_MARGIN) < 0) {
				margin = MINIMUM_MARGIN;
			}
		}
		// a margin as long as the lifetime would renew on every request
		Duration half = lifetime.dividedBy(2);
		if (margin.compareTo(half) > 0) {
			margin = half.isNegative() ? Duration.ZERO : half;
		}
		return expiry.minus(margin);
	}

	Long ttlSeconds() {
		Duration ttl = this.properties.ttl();
		return (ttl != null) ? ttl.getSeconds() : null;
	}

	private String basic() {
		String pair = this.properties.username() + ":" + this.properties.password();
		return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A token st2 issued.
	 *
	 * @param value the token
	 * @param user the st2 user it is for
	 * @param expiry when it expires
	 * @param renewAt when to ask for the next one
	 */
	record IssuedToken(String value, String user, Instant expiry, Instant renewAt) {

		IssuedToken retryRenewalAt(Instant at) {
			return new IssuedToken(this.value, this.user, this.expiry, at.isBefore(this.expiry) ? at : this.expiry);
		}

		boolean isDue(Instant now) {
			return !now.isBefore(this.renewAt);
		}

		@Override
		public String toString() {
			return "IssuedToken[user=" + this.user + ", expiry=" + this.expiry + ", renewAt=" + this.renewAt + "]";
		}

	}

}
