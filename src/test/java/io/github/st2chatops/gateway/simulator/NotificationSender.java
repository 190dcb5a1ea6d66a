package io.github.st2chatops.gateway.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts results to the gateway the way the gateway's st2 pack does: {@code POST
 * {gateway}/api/v1/st2/notifications} with the relay token as bearer and the execution id
 * as {@code Idempotency-Key}, retried with growing delays when the gateway answers 429,
 * 502, 503, 504 or cannot be reached (st2's retry policy on the post action). Other
 * answers, such as a 404 from a gateway without the endpoint yet, are logged.
 */
final class NotificationSender {

	private static final Logger logger = LoggerFactory.getLogger(NotificationSender.class);

	static final String PATH = "/api/v1/st2/notifications";

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final ScheduledExecutorService scheduler;

	private final int attempts;

	private final Duration backoff;

	private final List<PostedNotification> posted = new CopyOnWriteArrayList<>();

	private volatile Target target;

	NotificationSender(ScheduledExecutorService scheduler, int attempts, Duration backoff) {
		this.scheduler = scheduler;
		this.attempts = Math.max(1, attempts);
		this.backoff = backoff;
	}

	/**
	 * Where results go.
	 *
	 * @param gatewayUrl the gateway's base URL
	 * @param relayToken the gateway's {@code gateway.relay.token}
	 */
	record Target(String gatewayUrl, String relayToken) {

	}

	void target(Target target) {
		this.target = target;
	}

	Target target() {
		return this.target;
	}

	List<PostedNotification> posted() {
		return List.copyOf(this.posted);
	}

	void clear() {
		this.posted.clear();
	}

	void send(String executionId, Map<String, Object> body) {
		Target current = this.target;
		if (current == null) {
			logger.warn("Execution {} completed but no gateway is known yet, so its result is not posted", executionId);
			return;
		}
		String url = current.gatewayUrl().replaceAll("/+$", "") + PATH;
		String json = JsonMapper.shared().writeValueAsString(body);
		attempt(executionId, url, current.relayToken(), body, json, new ArrayList<>());
	}

	private void attempt(String executionId, String url, String relayToken, Map<String, Object> body, String json,
			List<Integer> statuses) {
		int number = statuses.size() + 1;
		int status;
		String problem;
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(url))
				.timeout(Duration.ofSeconds(10))
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + relayToken)
				.header("Idempotency-Key", executionId)
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.build();
			status = this.client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
			problem = null;
		}
		catch (IOException ex) {
			status = 0;
			problem = ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		statuses.add(status);
		boolean delivered = status >= 200 && status < 300;
		boolean retryable = status == 0 || status == 429 || status == 502 || status == 503 || status == 504;
		if (delivered) {
			logger.info("Posted the result of execution {} to {}: {} (attempt {})", executionId, url, status, number);
		}
		else if (retryable && number < this.attempts) {
			Duration delay = this.backoff.multipliedBy(1L << (number - 1));
			logger.info("Posting the result of execution {} to {} failed ({}), retrying in {} ms", executionId, url,
					(problem != null) ? problem : status, delay.toMillis());
			this.scheduler.schedule(() -> attempt(executionId, url, relayToken, body, json, statuses), delay.toMillis(),
					TimeUnit.MILLISECONDS);
			return;
		}
		else if (status == 404) {
			logger.warn("Posting the result of execution {} to {}: 404, the gateway has no notification endpoint",
					executionId, url);
		}
		else {
			logger.warn("Posting the result of execution {} to {} failed ({}) after {} attempt(s); giving up",
					executionId, url, (problem != null) ? problem : status, number);
		}
		this.posted.add(new PostedNotification(executionId, url, body, List.copyOf(statuses), delivered));
	}

}
