package io.github.st2chatops.gateway.chat.slack;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.st2chatops.gateway.chat.JsonBodies;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Calls Slack's Web API with the bot token, and {@code response_url}s without it. Every
 * failure comes out as a {@link SlackApiException} that says whether trying again may
 * help; no {@link RestClientException} escapes.
 */
class SlackClient {

	/** Slack errors that mean "not now" rather than "never". */
	private static final Set<String> TRANSIENT_ERRORS = Set.of("ratelimited", "internal_error", "fatal_error",
			"service_unavailable", "request_timeout", "team_added_to_org");

	private static final MediaType JSON_UTF8 = new MediaType("application", "json", StandardCharsets.UTF_8);

	private final RestClient restClient;

	private final URI apiUrl;

	private final String botToken;

	private final JsonMapper jsonMapper;

	SlackClient(RestClient restClient, URI apiUrl, String botToken, JsonMapper jsonMapper) {
		this.restClient = restClient;
		this.apiUrl = apiUrl;
		this.botToken = botToken;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Calls a Web API method with a JSON body.
	 * @param method e.g. {@code chat.postMessage}
	 * @param body the arguments
	 * @return Slack's answer ({@code "ok": true})
	 */
	JsonNode call(String method, Map<String, Object> body) {
		Answer answer = exchange(method,
				this.restClient.post()
					.uri(methodUri(method).build().toUri())
					.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.botToken)
					.contentType(JSON_UTF8)
					.body(this.jsonMapper.writeValueAsBytes(body)));
		return checked(method, answer);
	}

	/**
	 * Calls a Web API method with form arguments (methods such as
	 * {@code files.getUploadURLExternal} that document only
	 * {@code application/x-www-form-urlencoded}).
	 * @param method the method
	 * @param arguments the arguments
	 * @return Slack's answer ({@code "ok": true})
	 */
	JsonNode callForm(String method, Map<String, String> arguments) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		arguments.forEach(form::add);
		Answer answer = exchange(method,
				this.restClient.post()
					.uri(methodUri(method).build().toUri())
					.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.botToken)
					.contentType(MediaType.APPLICATION_FORM_URLENCODED)
					.body(form));
		return checked(method, answer);
	}

	/**
	 * Sends a file's bytes to the upload URL {@code files.getUploadURLExternal} gave (the
	 * URL carries its own credential: no token goes with it, and it is never logged).
	 * Slack answers 200 when it took them.
	 * @param uploadUrl the URL
	 * @param bytes the file
	 */
	void upload(URI uploadUrl, byte[] bytes) {
		Answer answer = exchange("the file upload URL",
				this.restClient.post().uri(uploadUrl).contentType(MediaType.APPLICATION_OCTET_STREAM).body(bytes));
		if (answer.status() == 429 || answer.status() >= 500) {
			throw failure("the file upload URL", answer, String.valueOf(answer.status()));
		}
		if (answer.status() != 200) {
			throw new SlackApiException("Slack refused the file's bytes with HTTP " + answer.status(),
					String.valueOf(answer.status()), false, null, null);
		}
	}

	/**
	 * Asks for a Socket Mode connection ({@code apps.connections.open}) with the
	 * app-level token. The URL it gives carries a ticket: it is never logged.
	 * @param appToken the app-level token ({@code xapp-...})
	 * @return the {@code wss://} URL to connect to
	 */
	URI openConnection(String appToken) {
		Answer answer = exchange("apps.connections.open",
				this.restClient.post()
					.uri(methodUri("apps.connections.open").build().toUri())
					.header(HttpHeaders.AUTHORIZATION, "Bearer " + appToken)
					.contentType(MediaType.APPLICATION_FORM_URLENCODED));
		String url = checked("apps.connections.open", answer).path("url").asString("");
		if (!url.startsWith("wss://") && !url.startsWith("ws://")) {
			throw new SlackApiException("Slack answered apps.connections.open without a WebSocket URL", null, true,
					null, null);
		}
		return URI.create(url);
	}

	/**
	 * Reads a user's profile ({@code users.info}).
	 * @param userId the member id
	 * @return the {@code user} object
	 */
	JsonNode user(String userId) {
		Answer answer = exchange("users.info",
				this.restClient.get()
					.uri(methodUri("users.info").queryParam("user", "{user}").buildAndExpand(userId).encode().toUri())
					.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.botToken));
		return checked("users.info", answer).path("user");
	}

	/**
	 * Posts to a slash command's {@code response_url}.
	 * @param responseUrl the URL Slack gave with the command
	 * @param body the message
	 * @return true when Slack took it; false when the URL can no longer be used (it
	 * expired after 30 minutes or was used five times), so the caller should post another
	 * way
	 */
	boolean respond(String responseUrl, Map<String, Object> body) {
		Answer answer = exchange("response_url",
				this.restClient.post()
					.uri(URI.create(responseUrl))
					.contentType(JSON_UTF8)
					.body(this.jsonMapper.writeValueAsBytes(body)));
		if (answer.status() == 429 || answer.status() >= 500) {
			throw failure("response_url", answer, String.valueOf(answer.status()));
		}
		JsonNode json = answer.json(this.jsonMapper);
		if (answer.status() >= 200 && answer.status() < 300 && (json == null || json.path("ok").asBoolean(true))) {
			return true;
		}
		String error = (json != null) ? json.path("error").asString(null) : null;
		if (error != null && TRANSIENT_ERRORS.contains(error)) {
			throw failure("response_url", answer, error);
		}
		return false;
	}

	private UriComponentsBuilder methodUri(String method) {
		return UriComponentsBuilder.fromUri(this.apiUrl).pathSegment(method);
	}

	private Answer exchange(String method, RestClient.RequestHeadersSpec<?> request) {
		try {
			return request.exchange(
					(req, res) -> new Answer(res.getStatusCode().value(),
							res.getHeaders().getFirst(HttpHeaders.RETRY_AFTER), readBody(res.getBody().readAllBytes())),
					true);
		}
		catch (RestClientException ex) {
			throw new SlackApiException("Slack did not answer " + method + " (" + ex.getClass().getSimpleName() + ")",
					null, true, null, ex);
		}
	}

	private static String readBody(byte[] body) throws IOException {
		return new String(body, StandardCharsets.UTF_8);
	}

	private JsonNode checked(String method, Answer answer) {
		if (answer.status() == 429 || answer.status() >= 500) {
			throw failure(method, answer, String.valueOf(answer.status()));
		}
		if (answer.status() < 200 || answer.status() >= 300) {
			throw new SlackApiException("Slack answered " + method + " with HTTP " + answer.status(),
					String.valueOf(answer.status()), false, null, null);
		}
		JsonNode json = answer.json(this.jsonMapper);
		if (json == null) {
			throw new SlackApiException("Slack answered " + method + " with something that is not JSON", null, false,
					null, null);
		}
		if (!json.path("ok").asBoolean(false)) {
			String error = json.path("error").asString("unknown_error");
			throw new SlackApiException("Slack refused " + method + ": " + error, error,
					TRANSIENT_ERRORS.contains(error), retryAfter(answer.retryAfter()), null);
		}
		return json;
	}

	private static SlackApiException failure(String method, Answer answer, String error) {
		String what = (answer.status() == 429 || "ratelimited".equals(error)) ? "is rate limiting"
				: "failed on (HTTP " + answer.status() + ", " + error + ")";
		return new SlackApiException("Slack " + what + " " + method, error, true, retryAfter(answer.retryAfter()),
				null);
	}

	static Duration retryAfter(String header) {
		if (header == null || header.isBlank()) {
			return null;
		}
		try {
			long seconds = Long.parseLong(header.strip());
			return (seconds >= 0) ? Duration.ofSeconds(seconds) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** What Slack answered. */
	private record Answer(int status, String retryAfter, String body) {

		JsonNode json(JsonMapper jsonMapper) {
			return JsonBodies.objectOrNull(jsonMapper, this.body);
		}

	}

}
