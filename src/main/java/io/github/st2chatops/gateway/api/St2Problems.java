package io.github.st2chatops.gateway.api;

import io.github.st2chatops.gateway.st2.St2AuthenticationException;
import io.github.st2chatops.gateway.st2.St2Exception;
import io.github.st2chatops.gateway.st2.St2NotFoundException;
import io.github.st2chatops.gateway.st2.St2RejectedException;
import io.github.st2chatops.gateway.web.GatewayProblemException;
import io.github.st2chatops.gateway.web.ProblemType;

import org.springframework.http.HttpHeaders;

/**
 * Maps st2 failures of read calls to problem details.
 */
final class St2Problems {

	private St2Problems() {
	}

	static GatewayProblemException of(St2Exception failure, String notFoundDetail) {
		if (failure instanceof St2NotFoundException) {
			return new GatewayProblemException(ProblemType.NOT_FOUND, notFoundDetail);
		}
		if (failure instanceof St2RejectedException rejected) {
			return new GatewayProblemException(ProblemType.INVALID_REQUEST,
					"st2 refused the request: " + rejected.faultstring());
		}
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, "30");
		String detail = (failure instanceof St2AuthenticationException)
				? "The gateway cannot sign in to st2; an operator needs to check its st2 credentials."
				: "st2 is unavailable right now; try again later.";
		return new GatewayProblemException(ProblemType.UNAVAILABLE, detail, headers);
	}

}
