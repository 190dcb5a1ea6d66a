package io.github.st2chatops.gateway.st2;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.ResponseEntity;
import org.springframework.util.StringUtils;

/**
 * Per-user st2 identity ({@code gateway.st2.impersonation.*}). Maps a chat user to an st2
 * user and holds a token for each, asked of st2's auth service ({@code POST
 * /auth/v1/tokens}) with the gateway's service account (Basic
 * {@code gateway.st2.username}/{@code password}: st2 only issues impersonated tokens on a
 * username/password login of a user with {@code is_service}). Tokens are reused until
 * {@code gateway.st2.token-renewal-margin} before they expire.
 */
public class St2Impersonation {

	private static final Logger logger = LoggerFactory.getLogger(St2Impersonation.class);

	private final St2ImpersonationProperties settings;

	private final St2Properties properties;

	private final St2AuthApi authApi;

	private final Clock clock;

	private final St2ErrorTranslator errors;

	private final Map<String, String> users;

	private final Map<String, Cached> tokens = new ConcurrentHashMap<>();

	St2Impersonation(St2ImpersonationProperties settings, St2Properties properties, St2AuthApi authApi,
			St2TokenProvider gatewayTokens, Clock clock) {
		this.settings = settings;
		this.properties = properties;
		this.authApi = authApi;
		this.clock = clock;
		this.users = settings.userMap();
		this.errors = new St2ErrorTranslator((text) -> redact(gatewayTokens.redact(text)));
	}

	/**
	 * Who a chat user's command runs as.
	 * @param platform the chat platform id, e.g. {@code slack}
	 * @param userId the platform's user id
	 * @return the identity
	 * @throws St2ImpersonationRefusedException when st2 refuses to issue the user's token
	 * @throws St2UnavailableException when st2's auth service cannot be reached
	 */
	public St2Identity identityOf(String platform, String userId) {
		if (!this.settings.enabled()) {
			return St2Identity.GATEWAY;
		}
		String st2User = this.users.get(platform + ":" + userId);
		St2TokenRequest request;
		String key;
		Long ttl = (this.properties.ttl() != null) ? this.properties.ttl().getSeconds() : null;
		if (st2User != null) {
			request = new St2TokenRequest(ttl, st2User, null, null);
			key = "user:" + st2User;
		}
		else if (userId != null && this.settings.nicknamePlatforms().contains(platform)) {
			request = new St2TokenRequest(ttl, null, userId, platform);
			key = "nickname:" + platform + ":" + userId;
		}
		else {
			return (this.settings.fallback() == St2ImpersonationProperties.Fallback.GATEWAY_USER) ? St2Identity.GATEWAY
					: new St2Identity.Unmapped();
		}
		Cached cached = this.tokens.get(key);
		if (cached == null || !this.clock.instant().isBefore(cached.renewAt())) {
			cached = this.tokens.compute(key,
					(k, current) -> (current != null && this.clock.instant().isBefore(current.renewAt())) ? current
							: request(request, k));
		}
		return new St2Identity.User(cached.user(), new St2AuthHeader(St2AuthHeader.AUTH_TOKEN, cached.token()));
	}

	/**
	 * Forget a user's token st2 answered 401 to, so that the next command asks for a new
	 * one.
	 * @param header the refused header
	 */
	public void forget(St2AuthHeader header) {
		this.tokens.values().removeIf((cached) -> cached.token().equals(header.value()));
	}

	private Cached request(St2TokenRequest body, String key) {
		String requestId = UUID.randomUUID().toString();
		Instant requestedAt = this.clock.instant();
		String who = (body.user() != null) ? "st2 user " + body.user()
				: "nickname " + body.impersonateUser() + " of " + body.nicknameOrigin();
		ResponseEntity<St2Token> response;
		try {
			response = this.authApi.createToken(requestId, basic(), body);
		}
		catch (RuntimeException ex) {
			St2Exception failure = this.errors.translate("impersonation token request", ex, requestId);
			if (failure instanceof St2RejectedException rejected) {
				throw refused(who, rejected.faultstring(), failure.requestId());
			}
			if (failure instanceof St2AuthenticationException || failure instanceof St2NotFoundException) {
				throw refused(who, failure.getMessage(), failure.requestId());
			}
			throw failure;
		}
		St2Token token = response.getBody();
		if (token == null || !StringUtils.hasText(token.token())) {
			throw new St2UnavailableException("st2's auth service answered without a token", false, requestId, null);
		}
		Instant expiry;
		try {
			expiry = OffsetDateTime.parse(token.expiry()).toInstant();
		}
		catch (DateTimeParseException | NullPointerException ex) {
			throw new St2UnavailableException("st2's auth service answered a token without a readable expiry", false,
					requestId, null);
		}
		Instant renewAt = St2TokenProvider.renewAt(requestedAt, expiry, this.properties.tokenRenewalMargin());
		String user = StringUtils.hasText(token.user()) ? token.user() : body.user();
		logger.info("Obtained an st2 token for {} ({}), valid until {}", user, key, expiry);
		return new Cached(user, token.token(), renewAt);
	}

	private St2ImpersonationRefusedException refused(String who, String reason, String requestId) {
		logger.warn("st2 refused a token for {}: {} (X-Request-ID {})", who, reason, requestId);
		return new St2ImpersonationRefusedException(
				"st2 refused to let the gateway act as " + who + ": " + reason + ". Nothing ran.", requestId);
	}

	private String basic() {
		String pair = this.properties.username() + ":" + this.properties.password();
		return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
	}

	private String redact(String text) {
		if (text == null) {
			return null;
		}
		String result = text;
		for (Cached cached : this.tokens.values()) {
			result = result.replace(cached.token(), St2Properties.REDACTED);
		}
		return result;
	}

	private record Cached(String user, String token, Instant renewAt) {

		@Override
		public String toString() {
			return "Cached[user=" + this.user + ", renewAt=" + this.renewAt + "]";
		}

	}

}
