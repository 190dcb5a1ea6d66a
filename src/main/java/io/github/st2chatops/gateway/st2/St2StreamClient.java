package io.github.st2chatops.gateway.st2;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.springframework.boot.ssl.SslBundle;

/**
 * The client of st2's event stream service ({@code GET <stream-url>/stream},
 * {@code text/event-stream}): each {@link #follow subscription} connects with the
 * gateway's credential in a header, renews a token once after a 401, parses the stream as
 * the server-sent events standard says, and reconnects with exponential backoff and
 * jitter when the connection fails, ends or goes quiet, sending {@code Last-Event-ID}
 * when the stream set event ids.
 * <p>
 * st2 (3.x, {@code st2stream/controllers/v1/stream.py}) writes only {@code event:} and
 * {@code data:} lines and a blank heartbeat every 25 seconds: it sets no ids and ignores
 * {@code Last-Event-ID}, and an event announced while no client is connected is gone. The
 * client follows the standard anyway, so that a proxy or a later st2 that sets ids is
 * resumed from.
 */
public class St2StreamClient {

	private final URI streamUrl;

	private final St2TokenProvider tokens;

	private final HttpClient httpClient;

	private final St2StreamSettings settings;

	private final Clock clock;

	private final AtomicLong connections = new AtomicLong();

	/**
	 * A client.
	 * @param streamUrl st2's stream service, e.g.
	 * {@code https://st2.example.com/stream/v1}
	 * @param tokens the gateway's st2 credential
	 * @param httpClient the HTTP client; it must not follow redirects (they would carry
	 * the credential header elsewhere)
	 * @param settings timeouts and backoff
	 * @param clock the clock for status times
	 */
	public St2StreamClient(URI streamUrl, St2TokenProvider tokens, HttpClient httpClient, St2StreamSettings settings,
			Clock clock) {
		this.streamUrl = streamUrl;
		this.tokens = tokens;
		this.httpClient = httpClient;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * A client for the configured st2, with st2's TLS settings
	 * ({@code gateway.st2.ca-bundle}, {@code verify-tls}) and no redirects followed.
	 * @param st2 the st2 settings; {@code streamUrl} must be set
	 * @param tokens the gateway's st2 credential
	 * @param settings timeouts and backoff
	 * @param clock the clock for status times
	 * @return the client
	 */
	public static St2StreamClient create(St2Properties st2, St2TokenProvider tokens, St2StreamSettings settings,
			Clock clock) {
		HttpClient.Builder builder = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(settings.connectTimeout());
		SslBundle ssl = St2TrustManagers.sslBundle(st2);
		if (ssl != null) {
			builder.sslContext(ssl.createSslContext());
		}
		return new St2StreamClient(st2.streamUrl(), tokens, builder.build(), settings, clock);
	}

	/**
	 * Starts following the stream on a thread of its own until the subscription is
	 * closed.
	 * @param events the event types to ask st2 for ({@code events} query parameter)
	 * @param lastEventId where to resume from, or empty
	 * @param listener what receives the events
	 * @return the open subscription
	 */
	public St2StreamSubscription follow(List<String> events, String lastEventId, St2StreamListener listener) {
		St2StreamSubscription subscription = new St2StreamSubscription(this, uri(events), lastEventId, listener);
		subscription.start();
		return subscription;
	}

	/**
	 * Connections made after the first one of this client, by any subscription.
	 * @return the count
	 */
	public long reconnects() {
		return Math.max(0, this.connections.get() - 1);
	}

	/**
	 * Where the stream is read from, without the query.
	 * @return the host and port
	 */
	public String authority() {
		return this.streamUrl.getAuthority();
	}

	// the credential goes in a header, never in the URL
	URI uri(List<String> events) {
		String query = events.stream()
			.map((event) -> URLEncoder.encode(event, StandardCharsets.UTF_8))
			.collect(Collectors.joining(","));
		return URI.create(this.streamUrl + "/stream?events=" + query);
	}

	St2TokenProvider tokens() {
		return this.tokens;
	}

	HttpClient httpClient() {
		return this.httpClient;
	}

	St2StreamSettings settings() {
		return this.settings;
	}

	Clock clock() {
		return this.clock;
	}

	void connecting() {
		this.connections.incrementAndGet();
	}

}
