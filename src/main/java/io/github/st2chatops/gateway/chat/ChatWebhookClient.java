package io.github.st2chatops.gateway.chat;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * POSTs JSON to a chat platform's webhook URL (a Teams Workflows webhook, a Rocket.Chat
 * incoming webhook, a generic callback) and turns the answer into
 * {@link ChatDeliveryException}s that {@link ChatDelivery} understands: 429, 5xx and I/O
 * failures are retryable, with {@code Retry-After} honoured; any other status is a
 * refusal.
 *
 * Webhook URLs carry their credential (a path token, a {@code sig} query parameter), so
 * the URL never appears in an exception message or a log line, and the client records no
 * URI in metrics.
 */
public class ChatWebhookClient {

	/** How long to wait for a connection. */
	public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

	/** How long to wait for an answer. */
	public static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

	private final String platform;

	private final Clock clock;

	private final RestClient restClient;

	/**
	 * @param platform the platform id, for messages
	 * @param clock the clock to read HTTP-date {@code Retry-After} values against
	 */
	public ChatWebhookClient(String platform, Clock clock) {
		this.platform = platform;
		this.clock = clock;
		this.restClient = RestClient.builder()
			.requestFactory(ClientHttpRequestFactoryBuilder.jdk()
				.build(HttpClientSettings.defaults().withTimeouts(CONNECT_TIMEOUT, READ_TIMEOUT)))
			.build();
	}

	/**
	 * POSTs a JSON body, once.
	 * @param url the webhook URL
	 * @param json the body
	 * @param headers extra headers (signatures ...), possibly empty
	 * @throws ChatDeliveryException when the webhook did not take it
	 */
	public void postJson(URI url, byte[] json, HttpHeaders headers) {
		Outcome outcome;
		try {
			outcome = this.restClient.post()
				.uri(url)
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON, MediaType.ALL)
				.headers((target) -> target.addAll(headers))
				.body(json)
				.exchange((request, response) -> new Outcome(response.getStatusCode(),
						response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)), true);
		}
		catch (ResourceAccessException ex) {
			// the message of a ResourceAccessException holds the URL: keep only the cause
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			boolean unanswered = ChatDeliveryException.unanswered(cause);
			throw new ChatDeliveryException(
					this.platform + " webhook " + (unanswered ? "did not answer in time" : "could not be reached")
							+ " (" + cause.getClass().getSimpleName() + ")",
					true, null, unanswered, withoutUrl(cause));
		}
		catch (RestClientException ex) {
			throw new ChatDeliveryException(
					this.platform + " webhook call failed (" + ex.getClass().getSimpleName() + ")", true, null, null);
		}
		if (outcome == null || outcome.status().is2xxSuccessful()) {
			return;
		}
		int status = outcome.status().value();
		if (status == 429 || outcome.status().is5xxServerError()) {
			throw new ChatDeliveryException(this.platform + " webhook answered " + status, true,
					RetryAfter.parse(outcome.retryAfter(), this.clock), null);
		}
		throw new ChatDeliveryException(this.platform + " webhook refused the message with " + status, false, null,
				null);
	}

	private static Throwable withoutUrl(Throwable cause) {
		// an IOException of the JDK client names host and port at most, never the path
		// or query; anything else is reduced to its type
		return (cause instanceof IOException) ? cause : null;
	}

	private record Outcome(HttpStatusCode status, String retryAfter) {
	}

}
