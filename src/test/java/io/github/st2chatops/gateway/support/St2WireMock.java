package io.github.st2chatops.gateway.support;

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
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit.Stubbing;

import org.springframework.core.io.ClassPathResource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * st2 on WireMock for every test package: answers shaped as st2's services send them
 * (JSON with {@code X-Request-ID} echoed by st2's RequestIDMiddleware, errors as
 * {@code {"faultstring": ...}} from its ErrorHandlingMiddleware, token expiry in st2's
 * isotime format {@code 2017-04-06T01:15:06.602758Z}, the event stream's headers from
 * st2stream's stream controller), and the sample catalog most end-to-end tests start
 * from. The simulated st2 of package {@code simulator} is a program of its own and keeps
 * its own stubs.
 */
public final class St2WireMock {

	/** st2's alias list. */
	public static final String ALIASES_PATH = "/api/v1/actionalias";

	/** st2's alias execution. */
	public static final String ALIAS_EXECUTION_PATH = "/api/v1/aliasexecution";

	/** st2's event stream. */
	public static final String STREAM_PATH = "/stream/v1/stream";

	/** The events the gateway's stream follower asks st2 for on the default route. */
	public static final String STREAM_EVENTS = "st2.announcement__chatops-gateway,st2.actionalias__create,"
			+ "st2.actionalias__update,st2.actionalias__delete";

	/** The first token st2's auth service issues in a test that renews one. */
	public static final String TOKEN_1 = "866218ad67e141e4aaddbbb92964e67e";

	/** The token st2's auth service issues next. */
	public static final String TOKEN_2 = "b99d3f74a16e471992f2a10935637916";

	/** st2's isotime format (isotime.format, offset=False). */
	public static final DateTimeFormatter ST2_ISOTIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
		.withZone(ZoneOffset.UTC);

	/**
	 * The sample catalog: six aliases of packs {@code ops}, {@code linux}, {@code alpha}
	 * and {@code beta}.
	 */
	public static final String SAMPLE_CATALOG = "/command/aliases.json";

	private St2WireMock() {
	}

	/**
	 * A JSON answer with the request's {@code X-Request-ID} echoed, as st2 answers.
	 * @param status the status
	 * @param body the JSON body
	 * @return the answer
	 */
	public static ResponseDefinitionBuilder json(int status, String body) {
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

	/**
	 * An st2 error.
	 * @param status the status
	 * @param faultstring st2's message
	 * @return the answer
	 */
	public static ResponseDefinitionBuilder fault(int status, String faultstring) {
		return json(status, "{\"faultstring\": \"" + faultstring + "\"}");
	}

	/**
	 * st2's 401 for an expired token.
	 * @return the answer
	 */
	public static ResponseDefinitionBuilder tokenExpired() {
		return fault(401, "Unauthorized - Token has expired.");
	}

	/**
	 * The 201 of {@code POST /auth/v1/tokens} for the gateway's own user.
	 * @param token the token
	 * @param expiry when it expires
	 * @return the answer
	 */
	public static ResponseDefinitionBuilder token(String token, Instant expiry) {
		return token("chatops_bot", token, expiry);
	}

	/**
	 * The 201 of {@code POST /auth/v1/tokens}.
	 * @param user the st2 user the token is for (an impersonated one included)
	 * @param token the token
	 * @param expiry when it expires
	 * @return the answer
	 */
	public static ResponseDefinitionBuilder token(String user, String token, Instant expiry) {
		return json(201,
				"{\"user\": \"" + user + "\", \"token\": \"" + token + "\", \"expiry\": \"" + ST2_ISOTIME.format(expiry)
						+ "\", \"id\": \"" + UUID.randomUUID().toString().replace("-", "").substring(0, 24)
						+ "\", \"metadata\": {}}")
			.withHeader("X-API-URL", "https://st2.example.com/api");
	}

	/**
	 * A JSON file of {@code src/test/resources/st2/} as the answer.
	 * @param status the status
	 * @param name the file name
	 * @return the answer
	 */
	public static ResponseDefinitionBuilder fixture(int status, String name) {
		return json(status, read("/st2/" + name));
	}

	/**
	 * One page of {@code GET /api/v1/actionalias}, made-up aliases {@code from} to
	 * {@code to} (exclusive), with st2's paging headers.
	 * @param from the first alias
	 * @param to after the last alias
	 * @param total every alias st2 has
	 * @param limit the page size
	 * @return the answer
	 */
	public static ResponseDefinitionBuilder aliasPage(int from, int to, int total, int limit) {
		String items = IntStream.range(from, to)
			.mapToObj(St2WireMock::alias)
			.collect(Collectors.joining(",", "[", "]"));
		return json(200, items).withHeader("X-Total-Count", String.valueOf(total))
			.withHeader("X-Limit", String.valueOf(limit));
	}

	/**
	 * A made-up alias {@code examples.alias_<index>} with the format {@code run <index>
	 * {{cmd}}}.
	 * @param index its number
	 * @return the alias as st2's JSON
	 */
	public static String alias(int index) {
		String name = "alias_%04d".formatted(index);
		return ("{\"id\": \"%024d\", \"name\": \"%s\", \"pack\": \"examples\", \"ref\": \"examples.%s\", "
				+ "\"uid\": \"action:examples:%s\", \"description\": \"Alias %d\", \"enabled\": true, "
				+ "\"action_ref\": \"core.local\", \"formats\": [\"run %d {{cmd}}\"]}")
			.formatted(index, name, name, name, index, index);
	}

	/**
	 * The sample catalog as one page of {@code GET /api/v1/actionalias}.
	 * @return the answer
	 */
	public static ResponseDefinitionBuilder sampleCatalog() {
		return json(200, read(SAMPLE_CATALOG)).withHeader("X-Total-Count", "6").withHeader("X-Limit", "100");
	}

	/**
	 * Makes st2 list the sample catalog.
	 * @param st2 a {@code WireMockServer} or {@code WireMockExtension}
	 */
	public static void stubSampleCatalog(Stubbing st2) {
		st2.stubFor(WireMock.get(urlPathEqualTo(ALIASES_PATH)).willReturn(sampleCatalog()));
	}

	/**
	 * The 201 of {@code POST /api/v1/aliasexecution} for the sample catalog's
	 * {@code ops.deploy} alias.
	 * @param executionId the execution's id
	 * @return the answer
	 */
	public static ResponseDefinitionBuilder deployStarted(String executionId) {
		return json(201, """
				{"execution": {"id": "%s", "status": "requested", "action": {"ref": "ops.deploy_app"},
				 "parameters": {"app": "web", "env": "prod"}, "context": {"user": "ci-bot"},
				 "start_timestamp": "2026-11-24T10:00:00.000000Z"},
				 "actionalias": {"name": "deploy", "pack": "ops"}, "message": "Deploying web"}"""
			.formatted(executionId));
	}

	/**
	 * Makes st2 start every alias execution as {@link #deployStarted(String)}.
	 * @param st2 a {@code WireMockServer} or {@code WireMockExtension}
	 * @param executionId the execution's id
	 */
	public static void stubDeployStarted(Stubbing st2, String executionId) {
		st2.stubFor(WireMock.post(urlPathEqualTo(ALIAS_EXECUTION_PATH)).willReturn(deployStarted(executionId)));
	}

	/**
	 * st2's event stream answer (text/event-stream, no caching, no proxy buffering).
	 * @param body the events
	 * @return the answer
	 */
	public static ResponseDefinitionBuilder eventStream(String body) {
		return aResponse().withStatus(200)
			.withHeader("Content-Type", "text/event-stream; charset=UTF-8")
			.withHeader("Cache-Control", "no-cache")
			.withHeader("X-Accel-Buffering", "no")
			.withBody(body);
	}

	/**
	 * A file of the test class path as text.
	 * @param path its path, e.g. {@code /command/aliases.json}
	 * @return the text
	 */
	public static String read(String path) {
		try {
			return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
