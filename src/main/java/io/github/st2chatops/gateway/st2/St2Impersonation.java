package io.github.st2chatops.gateway.st2;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import io.github.st2chatops.gateway.st2.St2TokenIssuer.IssuedToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-user st2 identity ({@code gateway.st2.impersonation.*}). Maps a chat user to an st2
 * user and holds a token for each, asked of st2's auth service through the
 * {@link St2TokenIssuer} with the gateway's service account (st2 only issues impersonated
 * tokens on a username/password login of a user with {@code is_service}). Tokens are
 * reused until {@code gateway.st2.token-renewal-margin} before they expire. A token
 * request is single-flight per user: concurrent commands of one user wait for one
 * request, outside any map lock, and commands of other users do not wait at all.
 * Disabled, it answers the gateway's own identity for everyone.
 */
class St2Impersonation {

	private static final Logger logger = LoggerFactory.getLogger(St2Impersonation.class);

	private final St2ImpersonationProperties settings;

	private final St2TokenIssuer issuer;

	private final Clock clock;

	private final St2TokenProvider gatewayTokens;

	private final Map<String, String> users;

	private final Map<String, IssuedToken> tokens = new ConcurrentHashMap<>();

	private final Map<String, CompletableFuture<IssuedToken>> inFlight = new ConcurrentHashMap<>();

	St2Impersonation(St2ImpersonationProperties settings, St2TokenIssuer issuer, St2TokenProvider gatewayTokens,
			Clock clock) {
		this.settings = settings;
		this.issuer = issuer;
		this.gatewayTokens = gatewayTokens;
		this.clock = clock;
		this.users = settings.userMap();
	}

	/**
	 * Who a chat user's command runs as.
	 * @param platform the chat platform id, e.g. {@code slack}
	 * @param userId the platform's user id
	 * @return the identity, {@link St2Identity#GATEWAY} when impersonation is off
	 * @throws St2ImpersonationRefusedException when st2 refuses to issue the user's token
	 * @throws St2UnavailableException when st2's auth service cannot be reached
	 */
	St2Identity identityOf(String platform, String userId) {
		if (!this.settings.enabled()) {
			return St2Identity.GATEWAY;
		}
		String st2User = this.users.get(platform + ":" + userId);
		St2TokenRequest request;
		String key;
		if (st2User != null) {
			request = new St2TokenRequest(this.issuer.ttlSeconds(), st2User, null, null);
			key = "user:" + st2User;
		}
		else if (userId != null && this.settings.nicknamePlatforms().contains(platform)) {
			request = new St2TokenRequest(this.issuer.ttlSeconds(), null, userId, platform);
			key = "nickname:" + platform + ":" + userId;
		}
		else {
			return (this.settings.fallback() == St2ImpersonationProperties.Fallback.GATEWAY_USER) ? St2Identity.GATEWAY
					: new St2Identity.Unmapped();
		}
		IssuedToken token = token(key, request);
		return new St2Identity.User(token.user(), new St2AuthHeader(St2AuthHeader.AUTH_TOKEN, token.value()));
	}

	/**
	 * Forget a user's token st2 answered 401 to, so that the next command asks for a new
	 * one.
	 * @param header the refused header
	 */
	void forget(St2AuthHeader header) {
		this.tokens.values().removeIf((cached) -> cached.value().equals(header.value()));
	}

	private IssuedToken token(String key, St2TokenRequest request) {
		IssuedToken cached = this.tokens.get(key);
		if (cached != null && !cached.isDue(this.clock.instant())) {
			return cached;
		}
		CompletableFuture<IssuedToken> mine = new CompletableFuture<>();
		CompletableFuture<IssuedToken> running = this.inFlight.putIfAbsent(key, mine);
		if (running != null) {
			return await(running);
		}
		try {
			IssuedToken issued = request(key, request);
			this.tokens.put(key, issued);
			mine.complete(issued);
			return issued;
		}
		catch (RuntimeException ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.inFlight.remove(key, mine);
		}
	}

	private static IssuedToken await(CompletableFuture<IssuedToken> running) {
		try {
			return running.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof St2ImpersonationRefusedException refused) {
				throw new St2ImpersonationRefusedException(refused.getMessage(), refused.requestId());
			}
			if (ex.getCause() instanceof St2Exception failure) {
				throw new St2UnavailableException(failure.getMessage(), false, failure.requestId(), null);
			}
			throw ex;
		}
	}

	private IssuedToken request(String key, St2TokenRequest body) {
		String who = (body.user() != null) ? "st2 user " + body.user()
				: "nickname " + body.impersonateUser() + " of " + body.nicknameOrigin();
		try {
			IssuedToken issued = this.issuer.issue(body, "user", (text) -> redact(this.gatewayTokens.redact(text)));
			logger.info("Obtained an st2 token for {} ({}), valid until {}", issued.user(), key, issued.expiry());
			return issued;
		}
		catch (St2RejectedException ex) {
			throw refused(who, ex.faultstring(), ex.requestId());
		}
		catch (St2AuthenticationException | St2NotFoundException ex) {
			throw refused(who, ex.getMessage(), ex.requestId());
		}
	}

	private St2ImpersonationRefusedException refused(String who, String reason, String requestId) {
		logger.warn("st2 refused a token for {}: {} (X-Request-ID {})", who, reason, requestId);
		return new St2ImpersonationRefusedException(
				"st2 refused to let the gateway act as " + who + ": " + reason + ". Nothing ran.", requestId);
	}

	String redact(String text) {
		if (text == null) {
			return null;
		}
		String result = text;
		for (IssuedToken cached : this.tokens.values()) {
			result = result.replace(cached.value(), St2Properties.REDACTED);
		}
		return result;
	}

}
