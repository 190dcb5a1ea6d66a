package io.github.st2chatops.gateway.st2;

import java.io.IOException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Authenticates every request of the {@code st2-api} group: adds the credential header
 * and, when st2 answers 401 and the credential is renewable, renews it once and replays
 * the request. A second 401 is returned as is (no loop). A request that already carries
 * an st2 credential (a mapped user's token, see {@link St2Api#executeAliasAs}) is sent as
 * it is.
 */
class St2AuthenticationInterceptor implements ClientHttpRequestInterceptor {

	private final ObjectProvider<St2TokenProvider> tokens;

	/**
	 * Lazy, because the token provider needs the {@code st2-auth} group's client, which
	 * the HTTP service registry creates with this group.
	 * @param tokens the token provider
	 */
	St2AuthenticationInterceptor(ObjectProvider<St2TokenProvider> tokens) {
		this.tokens = tokens;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		if (request.getHeaders().containsHeader(St2AuthHeader.AUTH_TOKEN)
				|| request.getHeaders().containsHeader(St2AuthHeader.API_KEY)) {
			// the call carries its own credential (a mapped user's token, passed as an
			// argument): never add the gateway's, never renew it
			return execution.execute(request, body);
		}
		St2TokenProvider provider = this.tokens.getObject();
		St2AuthHeader header = provider.currentHeader();
		header.applyTo(request.getHeaders());
		ClientHttpResponse response = execution.execute(request, body);
		if (response.getStatusCode().value() != HttpStatus.UNAUTHORIZED.value() || !provider.isRenewable()) {
			return response;
		}
		response.close();
		St2AuthHeader renewed = provider.renewAfterUnauthorized(header);
		renewed.applyTo(request.getHeaders());
		return execution.execute(request, body);
	}

}
