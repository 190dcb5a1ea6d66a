package io.github.st2chatops.gateway.st2;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * st2's auth service ({@code gateway.st2.auth-url}, {@code /auth/v1}), HTTP service group
 * {@code st2-auth}. Used by {@link St2TokenProvider} only.
 */
@HttpExchange(accept = "application/json")
public interface St2AuthApi {

	/**
	 * {@code POST /tokens} with Basic authentication: 201 and a token, or 401
	 * {@code {"faultstring": "Invalid or missing credentials"}}.
	 * @param requestId our {@code X-Request-ID}, echoed by st2
	 * @param authorization {@code Basic base64(username:password)}
	 * @param request the wanted ttl
	 * @return the token
	 */
	@PostExchange(url = "/tokens", contentType = "application/json")
	ResponseEntity<St2Token> createToken(@RequestHeader(St2Client.REQUEST_ID) String requestId,
			@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization, @RequestBody St2TokenRequest request);

}
