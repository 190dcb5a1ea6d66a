package io.github.st2chatops.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for end-to-end tests against the gateway on its random port: sends
 * exactly the bytes and headers given and reads the answer as JSON when it is JSON.
 */
public final class GatewayHttp {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	public GatewayHttp(int port) {
		this.baseUrl = "http://localhost:" + port;
	}

	public Response get(String path, String... headers) {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path)).GET(), headers);
	}

	public Response post(String path, String body, String... headers) {
		return postBytes(path, body.getBytes(StandardCharsets.UTF_8), headers);
	}

	public Response postBytes(String path, byte[] body, String... headers) {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body)), headers);
	}

	/**
	 * POSTs JSON with a bearer token.
	 * @param path the path
	 * @param token the bearer token
	 * @param body the JSON body
	 * @return the answer
	 */
	public Response postJson(String path, String token, String body) {
		return post(path, body, "Content-Type", "application/json", "Authorization", "Bearer " + token);
	}

	/**
	 * Runs one chat line through the REST API: {@code POST /api/v1/commands} with
	 * {@code {"text": line}}.
	 * @param token the API key's token
	 * @param text the line
	 * @return the answer
	 */
	public Response command(String token, String text) {
		return postJson("/api/v1/commands", token, json.writeValueAsString(Map.of("text", text)));
	}

	/**
	 * Matches one chat line without running it: {@code POST /api/v1/commands/match} with
	 * {@code {"text": line}}.
	 * @param token the API key's token
	 * @param text the line
	 * @return the answer
	 */
	public Response dryRun(String token, String text) {
		return postJson("/api/v1/commands/match", token, json.writeValueAsString(Map.of("text", text)));
	}

	private Response send(HttpRequest.Builder builder, String... headers) {
		if (headers.length > 0) {
			builder.headers(headers);
		}
		builder.timeout(Duration.ofSeconds(30));
		try {
			HttpResponse<String> response = this.client.send(builder.build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Response(response.statusCode(), response.headers().map(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An answer.
	 *
	 * @param status the status code
	 * @param headers the headers
	 * @param body the body as text
	 */
	public record Response(int status, Map<String, java.util.List<String>> headers, String body) {

		/**
		 * The body as a JSON object.
		 * @return the parsed map
		 */
		@SuppressWarnings("unchecked")
		public Map<String, Object> json() {
			return json.readValue(this.body, Map.class);
		}

		/**
		 * The first value of a header.
		 * @param name the header name, any case
		 * @return the value or {@code null}
		 */
		public String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
				.map((entry) -> entry.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

	}

}
