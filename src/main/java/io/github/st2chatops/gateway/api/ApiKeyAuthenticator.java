package io.github.st2chatops.gateway.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;

import io.github.st2chatops.gateway.web.GatewayProblemException;
import io.github.st2chatops.gateway.web.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Checks {@code Authorization: Bearer <token>} against the configured API keys, in
 * constant time, and records the caller on the request. Missing or wrong: 401 problem
 * details, and nothing runs.
 */
class ApiKeyAuthenticator implements HandlerInterceptor {

	private static final Logger logger = LoggerFactory.getLogger(ApiKeyAuthenticator.class);

	private static final String BEARER = "Bearer ";

	private final List<StoredKey> keys;

	ApiKeyAuthenticator(ApiProperties properties) {
		this.keys = properties.keys().entrySet().stream().map(ApiKeyAuthenticator::store).toList();
		if (this.keys.isEmpty()) {
			logger.info("No REST API keys are configured (gateway.api.keys): the REST API refuses every call");
		}
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		request.setAttribute(ApiCaller.ATTRIBUTE, authenticate(request.getHeader(HttpHeaders.AUTHORIZATION)));
		return true;
	}

	ApiCaller authenticate(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			throw unauthorized("Send an API key as 'Authorization: Bearer <key>'.");
		}
		byte[] presented = sha256(authorization.substring(BEARER.length()).strip());
		ApiCaller match = null;
		for (StoredKey key : this.keys) {
			// compare with every key, so the time taken does not tell which one is close
			if (MessageDigest.isEqual(key.digest(), presented) && match == null) {
				match = key.caller();
			}
		}
		if (match == null) {
			logger.warn("REST API call refused: unknown API key");
			throw unauthorized("The API key is not valid.");
		}
		return match;
	}

	private static GatewayProblemException unauthorized(String detail) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"st2-chatops-gateway\"");
		return new GatewayProblemException(ProblemType.UNAUTHORIZED, detail, headers);
	}

	private static StoredKey store(Map.Entry<String, ApiProperties.Key> entry) {
		ApiProperties.Key key = entry.getValue();
		return new StoredKey(sha256(key.token()), new ApiCaller(entry.getKey(), key.user(), key.anyUser()));
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

	private record StoredKey(byte[] digest, ApiCaller caller) {
	}

}
