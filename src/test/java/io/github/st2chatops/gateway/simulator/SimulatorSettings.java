package io.github.st2chatops.gateway.simulator;

import java.time.Duration;

/**
 * How the simulated st2 behaves. Start from {@link #defaults()} and change what the test
 * needs with the {@code withX} methods.
 *
 * @param port the port to listen on, {@code 0} for a free one
 * @param username the only user st2's auth service knows
 * @param password that user's password
 * @param apiKey the only API key st2 accepts ({@code St2-Api-Key}); it belongs to
 * {@code username}
 * @param tokenTtl how long issued tokens live (st2's {@code auth.token_ttl}, 24 hours)
 * @param completionDelay how long an execution runs before it completes
 * @param webUrl st2's web UI base for {@code web_url} (st2's {@code webui_base_url});
 * {@code null} for the simulator's own URL
 * @param notificationRoute the route st2's notification rule matches; executions
 * requested with another route complete without a notification, as in st2. {@code null}
 * matches any route
 * @param notificationAttempts how many times a notification is posted before giving up
 * (the first attempt and the retries of st2's retry policy)
 * @param notificationBackoff the delay before the first retry, doubled for each further
 * one
 */
public record SimulatorSettings(int port, String username, String password, String apiKey, Duration tokenTtl,
		Duration completionDelay, String webUrl, String notificationRoute, int notificationAttempts,
		Duration notificationBackoff) {

	/** The user st2's Docker and Vagrant installations create. */
	public static final String DEFAULT_USERNAME = "st2admin";

	/** The password st2's Docker and Vagrant installations use. */
	public static final String DEFAULT_PASSWORD = "Ch@ngeMe";

	/** The simulator's API key (a real one is 64 characters of base64, like this). */
	public static final String DEFAULT_API_KEY = "ZGVtby1hcGkta2V5LW9mLXRoZS1zaW11bGF0ZWQtc3QyLW5vdC1hLXNlY3JldA";

	/** The route the gateway sends by default ({@code gateway.st2.route}). */
	public static final String DEFAULT_ROUTE = "chatops-gateway";

	/**
	 * The defaults: a free port, st2's default admin, 24-hour tokens, executions that
	 * take 2 seconds, notifications for the gateway's default route posted up to 4 times
	 * starting 1 second apart.
	 * @return the defaults
	 */
	public static SimulatorSettings defaults() {
		return new SimulatorSettings(0, DEFAULT_USERNAME, DEFAULT_PASSWORD, DEFAULT_API_KEY, Duration.ofHours(24),
				Duration.ofSeconds(2), null, DEFAULT_ROUTE, 4, Duration.ofSeconds(1));
	}

	public SimulatorSettings withPort(int port) {
		return new SimulatorSettings(port, this.username, this.password, this.apiKey, this.tokenTtl,
				this.completionDelay, this.webUrl, this.notificationRoute, this.notificationAttempts,
				this.notificationBackoff);
	}

	public SimulatorSettings withCredentials(String username, String password) {
		return new SimulatorSettings(this.port, username, password, this.apiKey, this.tokenTtl, this.completionDelay,
				this.webUrl, this.notificationRoute, this.notificationAttempts, this.notificationBackoff);
	}

	public SimulatorSettings withApiKey(String apiKey) {
		return new SimulatorSettings(this.port, this.username, this.password, apiKey, this.tokenTtl,
				this.completionDelay, this.webUrl, this.notificationRoute, this.notificationAttempts,
				this.notificationBackoff);
	}

	public SimulatorSettings withTokenTtl(Duration tokenTtl) {
		return new SimulatorSettings(this.port, this.username, this.password, this.apiKey, tokenTtl,
				this.completionDelay, this.webUrl, this.notificationRoute, this.notificationAttempts,
				this.notificationBackoff);
	}

	public SimulatorSettings withCompletionDelay(Duration completionDelay) {
		return new SimulatorSettings(this.port, this.username, this.password, this.apiKey, this.tokenTtl,
				completionDelay, this.webUrl, this.notificationRoute, this.notificationAttempts,
				this.notificationBackoff);
	}

	public SimulatorSettings withWebUrl(String webUrl) {
		return new SimulatorSettings(this.port, this.username, this.password, this.apiKey, this.tokenTtl,
				this.completionDelay, webUrl, this.notificationRoute, this.notificationAttempts,
				this.notificationBackoff);
	}

	public SimulatorSettings withNotificationRoute(String notificationRoute) {
		return new SimulatorSettings(this.port, this.username, this.password, this.apiKey, this.tokenTtl,
				this.completionDelay, this.webUrl, notificationRoute, this.notificationAttempts,
				this.notificationBackoff);
	}

	public SimulatorSettings withNotificationRetries(int attempts, Duration backoff) {
		return new SimulatorSettings(this.port, this.username, this.password, this.apiKey, this.tokenTtl,
				this.completionDelay, this.webUrl, this.notificationRoute, attempts, backoff);
	}

	@Override
	public String toString() {
		return "SimulatorSettings[port=" + this.port + ", username=" + this.username + ", completionDelay="
				+ this.completionDelay + ", notificationRoute=" + this.notificationRoute + "]";
	}

}
