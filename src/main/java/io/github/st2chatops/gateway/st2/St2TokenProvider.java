package io.github.st2chatops.gateway.st2;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import io.github.st2chatops.gateway.st2.St2TokenIssuer.IssuedToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credential the gateway presents to st2, in one of three modes (see
 * {@link St2AuthMode}). With username/password it holds a token from st2's auth service:
 * requested on first use, renewed {@code gateway.st2.token-renewal-margin} before it
 * expires and, once, when st2 answers 401. Renewal is single-flight: concurrent callers
 * that need a new token wait for one request to {@code POST /auth/v1/tokens}.
 * <p>
 * Used by the API client's interceptor and by anything else that talks to st2 directly
 * (the event stream follower).
 */
public class St2TokenProvider {

	private static final Logger logger = LoggerFactory.getLogger(St2TokenProvider.class);

	private static final Duration RENEWAL_RETRY = Duration.ofSeconds(5);

	private final St2Properties properties;

	private final St2AuthMode mode;

	private final St2TokenIssuer issuer;

	private final Clock clock;

	private final ReentrantLock lock = new ReentrantLock();

	private volatile IssuedToken token;

	/** Counts token requests, so that callers that waited for a failed one share it. */
	private volatile long attempts;

	private volatile St2Exception lastFailure;

	St2TokenProvider(St2Properties properties, St2TokenIssuer issuer, Clock clock) {
		this.properties = properties;
		this.mode = properties.authMode();
		this.issuer = issuer;
		this.clock = clock;
	}

	/**
	 * How the gateway authenticates.
	 * @return the mode
	 */
	public St2AuthMode mode() {
		return this.mode;
	}

	/**
	 * Whether a rejected credential can be replaced (username/password only).
	 * @return true when {@link #renewAfterUnauthorized} can help
	 */
	public boolean isRenewable() {
		return this.mode == St2AuthMode.PASSWORD;
	}

	/**
	 * When the current token expires.
	 * @return the expiry, empty for API keys, configured tokens and before the first
	 * token
	 */
	public Optional<Instant> tokenExpiry() {
		IssuedToken current = this.token;
		return Optional.ofNullable((current != null) ? current.expiry() : null);
	}

	/**
	 * The header to authenticate the next request, requesting or renewing a token first
	 * when needed.
	 * @return the header name and value
	 * @throws St2AuthenticationException when st2 refuses the username/password
	 * @throws St2UnavailableException when st2's auth service cannot be reached and no
	 * valid token is held
	 */
	public St2AuthHeader currentHeader() {
		return switch (this.mode) {
			case API_KEY -> new St2AuthHeader(St2AuthHeader.API_KEY, this.properties.apiKey());
			case AUTH_TOKEN -> new St2AuthHeader(St2AuthHeader.AUTH_TOKEN, this.properties.authToken());
			case PASSWORD -> new St2AuthHeader(St2AuthHeader.AUTH_TOKEN, validToken().value());
		};
	}

	/**
	 * Replace a credential st2 answered 401 to. Concurrent callers that present the same
	 * rejected header cause one token request; a caller whose header was already replaced
	 * gets the new one.
	 * @param rejected the header st2 refused
	 * @return the header to retry with
	 * @throws St2AuthenticationException when the credential cannot be renewed (API key,
	 * configured token) or st2 refuses the username/password
	 */
	public St2AuthHeader renewAfterUnauthorized(St2AuthHeader rejected) {
		if (!isRenewable()) {
			throw new St2AuthenticationException(
					"st2 refused the configured gateway.st2." + this.mode.label() + ", which the gateway cannot renew",
					null, null);
		}
		long seen = this.attempts;
		this.lock.lock();
		try {
			IssuedToken current = this.token;
			if (current != null && !current.value().equals(rejected.value()) && !isDue(current)) {
				return new St2AuthHeader(St2AuthHeader.AUTH_TOKEN, current.value());
			}
			rethrowFailureSince(seen);
			logger.info("st2 refused the gateway's token, requesting a new one");
			return new St2AuthHeader(St2AuthHeader.AUTH_TOKEN, requestToken().value());
		}
		finally {
			this.lock.unlock();
		}
	}

	private IssuedToken validToken() {
		IssuedToken current = this.token;
		if (current != null && !isDue(current)) {
			return current;
		}
		long seen = this.attempts;
		this.lock.lock();
		try {
			current = this.token;
			if (current != null && !isDue(current)) {
				return current;
			}
			St2Exception failure = failureSince(seen);
			if (failure != null) {
				if (stillWorks(current) && failure instanceof St2UnavailableException) {
					return current;
				}
				throw copy(failure);
			}
			try {
				return requestToken();
			}
			catch (St2UnavailableException ex) {
				if (stillWorks(current)) {
					// renewal is due but st2's auth service is down: the token still
					// works;
					// try again a little later, not on every request
					this.token = current.retryRenewalAt(this.clock.instant().plus(RENEWAL_RETRY));
					logger.warn("Could not renew the st2 token, using it until it expires at {}: {}", current.expiry(),
							ex.getMessage());
					return current;
				}
				throw ex;
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private boolean stillWorks(IssuedToken token) {
		return token != null && this.clock.instant().isBefore(token.expiry());
	}

	private void rethrowFailureSince(long seen) {
		St2Exception failure = failureSince(seen);
		if (failure != null) {
			throw copy(failure);
		}
	}

	/**
	 * The failure of a token request made while the caller waited for the lock: such a
	 * caller shares it instead of asking again, so 50 waiting requests cause one token
	 * request, not 50.
	 */
	private St2Exception failureSince(long seen) {
		St2Exception failure = this.lastFailure;
		return (this.attempts != seen) ? failure : null;
	}

	private St2Exception copy(St2Exception failure) {
		if (failure instanceof St2AuthenticationException) {
			return new St2AuthenticationException(failure.getMessage(), failure.requestId(), null);
		}
		return new St2UnavailableException(failure.getMessage(), false, failure.requestId(), null);
	}

	private boolean isDue(IssuedToken token) {
		return token.isDue(this.clock.instant());
	}

	/** Called with the lock held. */
	private IssuedToken requestToken() {
		this.attempts++;
		try {
			IssuedToken issued = this.issuer.issue(new St2TokenRequest(this.issuer.ttlSeconds()), "gateway",
					this::redact);
			this.token = issued;
			this.lastFailure = null;
			logger.info("Obtained an st2 token for user {}, valid until {}, renewing from {}", issued.user(),
					issued.expiry(), issued.renewAt());
			return issued;
		}
		catch (St2Exception ex) {
			St2Exception failure = ex;
			if (!(failure instanceof St2UnavailableException)) {
				String reason = (failure instanceof St2RejectedException rejected) ? rejected.faultstring()
						: failure.getMessage();
				failure = new St2AuthenticationException(
						"st2's auth service refused to issue a token for gateway.st2.username/gateway.st2.password: "
								+ reason,
						failure.requestId(), null);
			}
			this.lastFailure = failure;
			logger.warn("st2 token request failed: {} (X-Request-ID {})", failure.getMessage(), failure.requestId());
			throw failure;
		}
	}

	/**
	 * Mask every configured secret and the current token in a text from st2 (st2 echoes
	 * an unknown API key in its 401 faultstring).
	 * @param text the text
	 * @return the text without secrets
	 */
	String redact(String text) {
		if (text == null) {
			return null;
		}
		String result = text;
		IssuedToken current = this.token;
		for (String secret : new String[] { this.properties.apiKey(), this.properties.authToken(),
				this.properties.password(), (current != null) ? current.value() : null }) {
			if (secret != null && secret.length() >= 4) {
				result = result.replace(secret, St2Properties.REDACTED);
			}
		}
		return result;
	}

}
