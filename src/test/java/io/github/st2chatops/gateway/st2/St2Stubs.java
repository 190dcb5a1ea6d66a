package io.github.st2chatops.gateway.st2;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import org.springframework.core.io.ClassPathResource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

/**
 * Responses as st2 sends them: JSON with {@code X-Request-ID} echoed (st2's
 * RequestIDMiddleware), errors as {@code {"faultstring": ...}} (ErrorHandlingMiddleware),
 * token expiry as {@code 2017-04-06T01:15:06.602758Z} (isotime.format, offset=False).
 */
final class St2Stubs {

	static final DateTimeFormatter ST2_ISOTIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
		.withZone(ZoneOffset.UTC);

	private St2Stubs() {
	}

	static ResponseDefinitionBuilder json(int status, String body) {
		ResponseDefinitionBuilder response = aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody(body);
		if (body.contains("{{") || body.contains("{%")) {
			// st2's own Jinja would be taken for a WireMock template
			return response.withHeader("X-Request-ID", UUID.randomUUID().toString());
		}
		return response.withHeader("X-Request-ID", "{{request.headers.X-Request-ID}}")
			.withTransformers("response-template");
	}

	static ResponseDefinitionBuilder fault(int status, String faultstring) {
		return json(status, "{\"faultstring\": \"" + faultstring + "\"}");
	}

	static ResponseDefinitionBuilder fixture(int status, String name) {
		return json(status, read(name));
	}

	/**
	 * The 201 of {@code POST /auth/v1/tokens}.
	 */
	static ResponseDefinitionBuilder token(String token, Instant expiry) {
		return json(201,
				"{\"user\": \"chatops_bot\", \"token\": \"" + token + "\", \"expiry\": \"" + ST2_ISOTIME.format(expiry)
						+ "\", \"id\": \"" + UUID.randomUUID().toString().replace("-", "").substring(0, 24)
						+ "\", \"metadata\": {}}")
			.withHeader("X-API-URL", "https://st2.example.com/api");
	}

	/**
	 * One page of {@code GET /api/v1/actionalias}, aliases {@code from} to {@code to}
	 * (exclusive), with st2's paging headers.
	 */
	static ResponseDefinitionBuilder aliasPage(int from, int to, int total, int limit) {
		String items = IntStream.range(from, to).mapToObj(St2Stubs::alias).collect(Collectors.joining(",", "[", "]"));
		return json(200, items).withHeader("X-Total-Count", String.valueOf(total))
			.withHeader("X-Limit", String.valueOf(limit));
	}

	static String alias(int index) {
		String name = "alias_%04d".formatted(index);
		return ("{\"id\": \"%024d\", \"name\": \"%s\", \"pack\": \"examples\", \"ref\": \"examples.%s\", "
				+ "\"uid\": \"action:examples:%s\", \"description\": \"Alias %d\", \"enabled\": true, "
				+ "\"action_ref\": \"core.local\", \"formats\": [\"run %d {{cmd}}\"]}")
			.formatted(index, name, name, name, index, index);
	}

	static String read(String name) {
		try {
			return new ClassPathResource("st2/" + name).getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
