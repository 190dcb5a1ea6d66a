package io.github.st2chatops.gateway.relay;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

/**
 * st2's answers as its services send them: the event stream's headers
 * (st2stream/controllers/v1/stream.py), a token as {@code POST /auth/v1/tokens} returns
 * it (expiry in st2's isotime format), a 401 faultstring.
 */
final class St2StreamStubs {

	static final String STREAM_PATH = "/stream/v1/stream";

	static final String EVENTS = "st2.announcement__chatops-gateway,st2.actionalias__create,"
			+ "st2.actionalias__update,st2.actionalias__delete";

	private static final DateTimeFormatter ST2_ISOTIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
		.withZone(ZoneOffset.UTC);

	private St2StreamStubs() {
	}

	static ResponseDefinitionBuilder eventStream(String body) {
		return aResponse().withStatus(200)
			.withHeader("Content-Type", "text/event-stream; charset=UTF-8")
			.withHeader("Cache-Control", "no-cache")
			.withHeader("X-Accel-Buffering", "no")
			.withBody(body);
	}

	static ResponseDefinitionBuilder token(String token, Instant expiry) {
		return aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"user\": \"chatops_bot\", \"token\": \"" + token + "\", \"expiry\": \""
					+ ST2_ISOTIME.format(expiry) + "\", \"id\": \"5e86421776f946e98faea36c\", \"metadata\": {}}");
	}

	static ResponseDefinitionBuilder unauthorized() {
		return aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"faultstring\": \"Unauthorized - Token has expired.\"}");
	}

}
