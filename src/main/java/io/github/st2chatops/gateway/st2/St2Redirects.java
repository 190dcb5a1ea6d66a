package io.github.st2chatops.gateway.st2;

import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Refuses redirects from st2: the configured URL is wrong (e.g. {@code http} where nginx
 * redirects to {@code https}) and following would hand the credential to another place.
 */
final class St2Redirects {

	private St2Redirects() {
	}

	static boolean isRedirect(HttpStatusCode status) {
		return status.is3xxRedirection();
	}

	static void refuse(HttpRequest request, ClientHttpResponse response) throws java.io.IOException {
		String requestId = St2ErrorTranslator.requestId(response.getHeaders(),
				request.getHeaders().getFirst(St2Client.REQUEST_ID));
		throw new St2UnavailableException(
				"st2 answered HTTP " + response.getStatusCode().value()
						+ " (a redirect): set gateway.st2.url to the address st2 is served at, e.g. https://...",
				true, requestId, null);
	}

}
