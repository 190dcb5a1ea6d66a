package io.github.st2chatops.gateway.chat.discord;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;

import io.github.st2chatops.gateway.chat.ChatDeliveryException;
import io.github.st2chatops.gateway.chat.JsonBodies;
import io.github.st2chatops.gateway.chat.RetryAfter;

/**
 * Calls Discord's HTTP API: an interaction's webhook (follow-ups, its original message)
 * with the interaction's token in the path, and channel messages with the bot token.
 * Every failure comes out as a {@link DiscordApiException} that says whether trying again
 * may help, with Discord's {@code retry_after} on a 429; no {@link RestClientException}
 * escapes, and no message holds a URL (webhook URLs carry the token).
 */
class DiscordClient {

	/** The multipart part of the first (and only) attached file. */
	static final String FILE_PART = "files[0]";

	private static final MediaType TEXT_UTF_8 = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

	private final RestClient restClient;

	private final DiscordProperties properties;

	private final DiscordInteractions interactions;

	private final JsonMapper jsonMapper;

	private final Clock clock;

	DiscordClient(RestClient restClient, DiscordProperties properties, DiscordInteractions interactions,
			JsonMapper jsonMapper, Clock clock) {
		this.restClient = restClient;
		this.properties = properties;
		this.interactions = interactions;
		this.jsonMapper = jsonMapper;
		this.clock = clock;
	}

	/**
	 * Sends a follow-up message of an interaction
	 * ({@code POST /webhooks/<application id>/<token>}); the first one after a deferred
	 * answer takes the place of its "thinking" message.
	 * @param token the interaction's token
	 * @param message the message ({@code content}, {@code flags},
	 * {@code allowed_mentions})
	 */
	void followUp(String token, Map<String, Object> message) {
		checked("POST /webhooks/{application.id}/{interaction.token}",
				exchange("POST /webhooks/{application.id}/{interaction.token}",
						this.restClient.post()
							.uri(URI.create(this.interactions.webhookUrl(token)))
							.contentType(MediaType.APPLICATION_JSON)
							.body(this.jsonMapper.writeValueAsBytes(message))));
	}

	/**
	 * The id of an interaction's original answer
	 * ({@code GET /webhooks/<application id>/<token>/messages/@original}).
	 * @param token the interaction's token
	 * @return the message id
	 */
	String originalMessageId(String token) {
		JsonNode message = checked("GET /webhooks/{application.id}/{interaction.token}/messages/@original", exchange(
				"GET /webhooks/{application.id}/{interaction.token}/messages/@original",
				this.restClient.get().uri(URI.create(this.interactions.webhookUrl(token) + "/messages/@original"))));
		String id = message.path("id").asString("");
		if (id.isEmpty()) {
			throw new DiscordApiException("Discord gave no id for an interaction's original message", 200, false, null);
		}
		return id;
	}

	/**
	 * Posts a message to a channel with the bot token
	 * ({@code POST /channels/<channel id>/messages}).
	 * @param channelId the channel (or thread) id
	 * @param message the message ({@code content}, {@code message_reference},
	 * {@code allowed_mentions})
	 */
	void createMessage(String channelId, Map<String, Object> message) {
		toChannel(channelId, MediaType.APPLICATION_JSON, this.jsonMapper.writeValueAsBytes(message));
	}

	/**
	 * Posts a message with one text file attached, as Discord takes uploads: a
	 * multipart/form-data body to the same endpoint, with the message as its
	 * {@code payload_json} part and the file as its {@code files[0]} part.
	 * @param channelId the channel (or thread) id
	 * @param message the message, whose {@code attachments} names the file with id 0
	 * @param fileName the file's name
	 * @param content the file's bytes (UTF-8 text)
	 */
	void createMessage(String channelId, Map<String, Object> message, String fileName, byte[] content) {
		HttpHeaders payloadHeaders = new HttpHeaders();
		payloadHeaders.setContentType(MediaType.APPLICATION_JSON);
		HttpHeaders fileHeaders = new HttpHeaders();
		fileHeaders.setContentType(TEXT_UTF_8);
		MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
		parts.add("payload_json", new HttpEntity<>(this.jsonMapper.writeValueAsString(message), payloadHeaders));
		parts.add(FILE_PART, new HttpEntity<>(new NamedBytes(content, fileName), fileHeaders));
		toChannel(channelId, MediaType.MULTIPART_FORM_DATA, parts);
	}

	private void toChannel(String channelId, MediaType contentType, Object body) {
		URI uri = UriComponentsBuilder.fromUri(this.properties.apiUrl())
			.pathSegment("channels", channelId, "messages")
			.build()
			.encode()
			.toUri();
		checked("POST /channels/{channel.id}/messages",
				exchange("POST /channels/{channel.id}/messages",
						this.restClient.post()
							.uri(uri)
							.header(HttpHeaders.AUTHORIZATION, "Bot " + this.properties.botToken())
							.contentType(contentType)
							.body(body)));
	}

	private Answer exchange(String call, RestClient.RequestHeadersSpec<?> request) {
		try {
			return request.accept(MediaType.APPLICATION_JSON)
				.exchange((req, res) -> new Answer(res.getStatusCode().value(), res.getHeaders(),
						new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8)), true);
		}
		catch (RestClientException ex) {
			// the exception's message holds the URL, and a webhook URL holds the token
			// no cause either, for the same reason; a POST whose answer timed out may
			// have posted
			throw new DiscordApiException("Discord did not answer " + call + " (" + ex.getClass().getSimpleName() + ")",
					0, true, null, call.startsWith("POST ") && ChatDeliveryException.unanswered(ex));
		}
	}

	private JsonNode checked(String call, Answer answer) {
		JsonNode json = JsonBodies.objectOrNull(this.jsonMapper, answer.body());
		if (answer.status() == 429) {
			throw new DiscordApiException("Discord is rate limiting " + call, 429, true, retryAfter(answer, json));
		}
		if (answer.status() >= 500) {
			throw new DiscordApiException("Discord failed on " + call + " (HTTP " + answer.status() + ")",
					answer.status(), true,
					RetryAfter.parse(answer.headers().getFirst(HttpHeaders.RETRY_AFTER), this.clock));
		}
		if (answer.status() < 200 || answer.status() >= 300) {
			String code = (json != null) ? json.path("code").asString("") : "";
			throw new DiscordApiException("Discord refused " + call + " with HTTP " + answer.status()
					+ (code.isEmpty() ? "" : " (code " + code + ")"), answer.status(), false, null);
		}
		return (json != null) ? json : this.jsonMapper.createObjectNode();
	}

	/**
	 * How long a 429 asks to wait: the body's {@code retry_after} (seconds, with a
	 * fraction), else {@code Retry-After}, else {@code X-RateLimit-Reset-After}.
	 */
	private Duration retryAfter(Answer answer, JsonNode json) {
		if (json != null && json.path("retry_after").isNumber()) {
			Duration wait = seconds(json.path("retry_after").asString());
			if (wait != null) {
				return wait;
			}
		}
		Duration header = RetryAfter.parse(answer.headers().getFirst(HttpHeaders.RETRY_AFTER), this.clock);
		if (header != null) {
			return header;
		}
		return seconds(answer.headers().getFirst("X-RateLimit-Reset-After"));
	}

	/**
	 * Seconds with a fraction ({@code 0.25}, {@code 64.57}) as a duration, rounded up to
	 * a millisecond.
	 */
	static Duration seconds(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			BigDecimal seconds = new BigDecimal(value.strip());
			if (seconds.signum() < 0) {
				return null;
			}
			return Duration.ofMillis(seconds.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact());
		}
		catch (NumberFormatException | ArithmeticException ex) {
			return null;
		}
	}

	/** Bytes that the multipart body names with the file's name. */
	private static final class NamedBytes extends ByteArrayResource {

		private final String fileName;

		NamedBytes(byte[] content, String fileName) {
			super(content);
			this.fileName = fileName;
		}

		@Override
		public String getFilename() {
			return this.fileName;
		}

	}

	private record Answer(int status, HttpHeaders headers, String body) {
	}

}
