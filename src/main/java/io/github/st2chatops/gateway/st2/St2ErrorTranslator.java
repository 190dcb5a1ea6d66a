package io.github.st2chatops.gateway.st2;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Map;
import java.util.function.UnaryOperator;

import javax.net.ssl.SSLHandshakeException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClientResponseException;

/**
 * Turns whatever a call to st2 threw into the {@link St2Exception} family. Messages hold
 * st2's {@code faultstring} at most (with any configured secret masked: st2 echoes an
 * unknown API key in its 401), never a raw body: an HTML page from a proxy is reduced to
 * its status.
 */
class St2ErrorTranslator {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int MAX_FAULTSTRING = 500;

	private final UnaryOperator<String> redactor;

	St2ErrorTranslator(UnaryOperator<String> redactor) {
		this.redactor = redactor;
	}

	/**
	 * Translate a failure.
	 * @param operation what was attempted, for the message (e.g. {@code list aliases})
	 * @param failure what was thrown
	 * @param sentRequestId the {@code X-Request-ID} we sent
	 * @return the st2 exception
	 */
	St2Exception translate(String operation, Throwable failure, String sentRequestId) {
		St2Exception st2 = find(failure, St2Exception.class);
		if (st2 != null) {
			return st2;
		}
		if (failure instanceof CallNotPermittedException open) {
			return new St2UnavailableException(
					"st2 is unavailable: it failed repeatedly, calls are paused for a while (circuit breaker st2 open)",
					false, sentRequestId, open);
		}
		RestClientResponseException response = find(failure, RestClientResponseException.class);
		if (response != null) {
			return translate(operation, response.getStatusCode(), response.getResponseHeaders(),
					response.getResponseBodyAsByteArray(), sentRequestId);
		}
		IOException io = find(failure, IOException.class);
		if (io != null) {
			return ioFailure(operation, failure, io, sentRequestId);
		}
		if (find(failure, UnresolvedAddressException.class) != null) {
			return new St2UnavailableException("st2 " + operation + " failed: unknown host", false, sentRequestId,
					null);
		}
		// a 2xx that is not st2's JSON (a proxy's login page ...): the converter failed.
		// Keep no cause: Spring's exceptions may hold the body.
		return new St2UnavailableException("st2 " + operation + " failed: the answer was not st2's API ("
				+ failure.getClass().getSimpleName() + "); check gateway.st2.url and any proxy in between", true,
				sentRequestId, null);
	}

	/**
	 * Translate an error response.
	 * @param operation what was attempted
	 * @param status the status
	 * @param headers the response headers, may be {@code null}
	 * @param body the body, may be empty
	 * @param sentRequestId the {@code X-Request-ID} we sent
	 * @return the st2 exception
	 */
	St2Exception translate(String operation, HttpStatusCode status, HttpHeaders headers, byte[] body,
			String sentRequestId) {
		String requestId = requestId(headers, sentRequestId);
		String faultstring = faultstring(headers, body);
		int code = status.value();
		if (faultstring == null) {
			// not st2's {"faultstring": ...}: nginx, a load balancer or another proxy
			// answered (HTML 502, 504, 413 ...). st2 may have got the request.
			return new St2UnavailableException("st2 " + operation + " failed: HTTP " + code
					+ " without st2's error body (from a proxy in front of st2?)", true, requestId, null);
		}
		if (code == 401) {
			return new St2AuthenticationException("st2 refused the gateway's credentials: " + faultstring, requestId,
					null);
		}
		if (code == 404) {
			return new St2NotFoundException("st2 found nothing for " + operation + ": " + faultstring, requestId);
		}
		if (status.is4xxClientError()) {
			return new St2RejectedException(code, faultstring, requestId);
		}
		return new St2UnavailableException("st2 " + operation + " failed: HTTP " + code + ": " + faultstring, true,
				requestId, null);
	}

	private St2UnavailableException ioFailure(String operation, Throwable failure, IOException io, String requestId) {
		// st2 provably did not get the request when no connection (or no TLS session)
		// was made; anything later may have reached it
		if (find(failure, HttpConnectTimeoutException.class) != null) {
			return new St2UnavailableException("st2 " + operation + " failed: connect timed out", false, requestId, io);
		}
		if (find(failure, ConnectException.class) != null || find(failure, NoRouteToHostException.class) != null) {
			return new St2UnavailableException("st2 " + operation + " failed: connection refused", false, requestId,
					io);
		}
		if (find(failure, UnknownHostException.class) != null) {
			return new St2UnavailableException("st2 " + operation + " failed: unknown host", false, requestId, io);
		}
		if (find(failure, SSLHandshakeException.class) != null) {
			return new St2UnavailableException(
					"st2 " + operation
							+ " failed: TLS handshake failed (is st2's certificate trusted? see gateway.st2.ca-bundle)",
					false, requestId, io);
		}
		if (find(failure, HttpTimeoutException.class) != null || find(failure, SocketTimeoutException.class) != null) {
			return new St2UnavailableException(
					"st2 " + operation + " failed: no answer within gateway.st2.read-timeout", true, requestId, io);
		}
		return new St2UnavailableException("st2 " + operation + " failed: " + io.getClass().getSimpleName(), true,
				requestId, io);
	}

	static String requestId(HttpHeaders headers, String sentRequestId) {
		String echoed = (headers != null) ? headers.getFirst(St2Client.REQUEST_ID) : null;
		return (echoed != null && !echoed.isBlank()) ? echoed : sentRequestId;
	}

	private String faultstring(HttpHeaders headers, byte[] body) {
		if (body == null || body.length == 0) {
			return null;
		}
		MediaType contentType = (headers != null) ? headers.getContentType() : null;
		if (contentType != null && !contentType.isCompatibleWith(MediaType.APPLICATION_JSON)) {
			return null;
		}
		try {
			Object parsed = JSON.readValue(body, Object.class);
			if (parsed instanceof Map<?, ?> map && map.get("faultstring") instanceof String faultstring) {
				String safe = this.redactor.apply(faultstring);
				return (safe.length() > MAX_FAULTSTRING) ? safe.substring(0, MAX_FAULTSTRING) + "..." : safe;
			}
			return null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	static <T extends Throwable> T find(Throwable failure, Class<T> type) {
		Throwable current = failure;
		for (int depth = 0; current != null && depth < 20; depth++) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
			current = current.getCause();
		}
		return null;
	}

}
