package io.github.st2chatops.gateway.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.junit.Stubbing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.st2chatops.gateway.simulator.NotificationSender.Target;
import io.github.st2chatops.gateway.simulator.St2Jinja.FormattedResult;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * The simulated st2's stubs and state: st2's auth service ({@code POST /auth/v1/tokens}),
 * action aliases ({@code GET /api/v1/actionalias},
 * {@code /api/v1/actionalias/{ref_or_id}}), alias executions
 * ({@code POST /api/v1/aliasexecution}), executions ({@code GET
 * /api/v1/executions/{id}}), and the result notification st2 posts to the gateway when an
 * execution completes.
 *
 * <p>
 * Register it on any WireMock server that has its {@link #extension()}:
 *
 * <pre class="code">
 * St2Stubs st2 = new St2Stubs(SimulatorSettings.defaults().withCompletionDelay(Duration.ofMillis(200)));
 * &#64;RegisterExtension
 * WireMockExtension wireMock = WireMockExtension.newInstance()
 *     .options(wireMockConfig().dynamicPort().extensions(st2.extension())).build();
 * &#64;BeforeEach
 * void st2() { st2.register(wireMock); }
 * </pre>
 *
 * or use {@link SimulatedSt2}, which does this on its own server.
 */
public final class St2Stubs implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(St2Stubs.class);

	private static final AtomicInteger THREADS = new AtomicInteger();

	private final SimulatorSettings settings;

	private final SimulatorCatalog catalog;

	private final ScheduledExecutorService scheduler;

	private final St2Backend backend;

	private final NotificationSender notifications;

	private final St2Transformer transformer;

	private volatile String notificationRoute;

	/**
	 * Stubs with the {@linkplain SimulatorSettings#defaults() default settings}.
	 */
	public St2Stubs() {
		this(SimulatorSettings.defaults());
	}

	/**
	 * Stubs with the sample aliases of {@code src/test/resources/simulator/}.
	 * @param settings how the simulated st2 behaves
	 */
	public St2Stubs(SimulatorSettings settings) {
		this.settings = settings;
		this.catalog = SimulatorCatalog.sample();
		this.scheduler = Executors.newScheduledThreadPool(2, (task) -> {
			Thread thread = new Thread(task, "simulated-st2-" + THREADS.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.backend = new St2Backend(settings, this.catalog, this::scheduleCompletion);
		this.notifications = new NotificationSender(this.scheduler, settings.notificationAttempts(),
				settings.notificationBackoff());
		this.transformer = new St2Transformer(this.backend, this);
		this.notificationRoute = settings.notificationRoute();
	}

	/**
	 * The WireMock extension the stubs need, to pass to
	 * {@code WireMockConfiguration.extensions(...)} when the server is built.
	 * @return the extension
	 */
	public Extension extension() {
		return this.transformer;
	}

	/**
	 * Registers st2's endpoints, the simulator's {@code PUT /__simulator/gateway}, a page
	 * at {@code /} and st2's 404 for anything else.
	 * @param wireMock a {@code WireMockServer} or {@code WireMockExtension} built with
	 * {@link #extension()}
	 */
	public void register(Stubbing wireMock) {
		wireMock.stubFor(operation(post(urlPathEqualTo("/auth/v1/tokens")), "createToken"));
		wireMock.stubFor(operation(get(urlPathEqualTo("/api/v1/actionalias")), "listAliases"));
		wireMock.stubFor(operation(get(urlPathMatching("/api/v1/actionalias/[^/]+")), "getAlias"));
		wireMock.stubFor(operation(post(urlPathEqualTo("/api/v1/aliasexecution")), "executeAlias"));
		wireMock.stubFor(operation(get(urlPathMatching("/api/v1/executions/[^/]+")), "getExecution"));
		wireMock.stubFor(operation(put(urlPathEqualTo("/__simulator/gateway")), "configureGateway"));
		wireMock.stubFor(operation(get(urlPathEqualTo("/")), "page"));
		// st2's router answers an unknown path with webob's HTTPNotFound
		wireMock.stubFor(any(anyUrl()).atPriority(10)
			.willReturn(WireMock.aResponse()
				.withStatus(404)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"faultstring\": \"The resource could not be found.\"}")));
	}

	private static MappingBuilder operation(MappingBuilder mapping, String operation) {
		return mapping.atPriority(1)
			.willReturn(WireMock.aResponse()
				.withTransformers(St2Transformer.NAME)
				.withTransformerParameter(St2Transformer.OPERATION, operation));
	}

	/**
	 * The settings the stubs were made with.
	 * @return the settings
	 */
	public SimulatorSettings settings() {
		return this.settings;
	}

	/**
	 * Where completed executions' results go, and the bearer token to present (the
	 * gateway's {@code gateway.relay.token}). Until this is set, results are not posted.
	 * @param gatewayUrl the gateway's base URL, e.g. {@code http://localhost:8080}
	 * @param relayToken the relay token
	 */
	public void notifyGatewayAt(String gatewayUrl, String relayToken) {
		this.notifications.target(new Target(gatewayUrl, relayToken));
		logger.info("Results of completed executions go to {}{}", gatewayUrl, NotificationSender.PATH);
	}

	/**
	 * The gateway's URL results go to, if known.
	 * @return the URL
	 */
	public Optional<String> gatewayUrl() {
		return Optional.ofNullable(this.notifications.target()).map(Target::gatewayUrl);
	}

	void notificationRoute(String route) {
		this.notificationRoute = route;
	}

	/**
	 * Every execution requested so far, oldest first.
	 * @return the executions
	 */
	public List<SimulatedExecution> executions() {
		return this.backend.executions();
	}

	/**
	 * One execution.
	 * @param id its id
	 * @return the execution, if requested
	 */
	public Optional<SimulatedExecution> execution(String id) {
		return this.backend.execution(id);
	}

	/**
	 * The execution requested last.
	 * @return the execution
	 * @throws NoSuchElementException when none was requested
	 */
	public SimulatedExecution lastExecution() {
		List<SimulatedExecution> executions = executions();
		if (executions.isEmpty()) {
			throw new NoSuchElementException("No execution was requested");
		}
		return executions.get(executions.size() - 1);
	}

	/**
	 * The notifications posted so far, each once its last attempt is done.
	 * @return the notifications
	 */
	public List<PostedNotification> notifications() {
		return this.notifications.posted();
	}

	/**
	 * Waits until the notification of an execution is done (delivered or given up).
	 * @param executionId the execution
	 * @param timeout how long to wait at most
	 * @return the notification
	 * @throws IllegalStateException when none is done in time
	 */
	public PostedNotification awaitNotification(String executionId, Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		while (true) {
			Optional<PostedNotification> posted = notifications().stream()
				.filter((notification) -> notification.executionId().equals(executionId))
				.findFirst();
			if (posted.isPresent()) {
				return posted.get();
			}
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("No notification for execution " + executionId + " within " + timeout);
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	/**
	 * What an action returns from now on, instead of its result template, e.g. a failure.
	 * @param actionRef the action, e.g. {@code core.remote}
	 * @param status {@code succeeded} or {@code failed}
	 * @param result the result, any JSON value
	 */
	public void setResult(String actionRef, String status, Object result) {
		this.backend.setOutcome(actionRef, status, result);
	}

	/**
	 * How long executions requested from now on run before they complete.
	 * @param completionDelay the delay
	 */
	public void setCompletionDelay(Duration completionDelay) {
		this.backend.setCompletionDelay(completionDelay);
	}

	/**
	 * The aliases st2 has, as {@code GET /api/v1/actionalias} returns them.
	 * @return the aliases
	 */
	public List<Map<String, Object>> aliases() {
		return this.catalog.aliases();
	}

	/**
	 * Installs more aliases, for example a large catalog to exercise paging. Missing
	 * {@code id}, {@code ref}, {@code uid} are filled in as st2 would; an unknown action
	 * gets a stand-in without parameters.
	 * @param aliases the aliases, as st2 returns them
	 */
	public void addAliases(List<Map<String, Object>> aliases) {
		this.catalog.addAliases(aliases);
	}

	/**
	 * Forgets every issued token, as if st2's database had been reset: clients get 401
	 * and must authenticate again.
	 */
	public void revokeTokens() {
		this.backend.revokeTokens();
	}

	/**
	 * Forgets tokens, executions, notifications and results set with {@link #setResult}.
	 */
	public void reset() {
		this.backend.reset();
		this.catalog.reset();
		this.notifications.clear();
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

	private void scheduleCompletion(SimulatedExecution execution) {
		long delay = Math.max(0, Duration.between(Instant.now(), execution.completesAt()).toMillis());
		this.scheduler.schedule(() -> complete(execution), delay, TimeUnit.MILLISECONDS);
	}

	// st2's notifier fires core.st2.generic.notifytrigger; the gateway pack's rule
	// matches
	// its route, formats the result and posts it
	private void complete(SimulatedExecution execution) {
		logger.info("Execution {} of {} {}", execution.id(), execution.aliasRef(), execution.outcome());
		String route = execution.notificationRoute();
		if (route == null) {
			return;
		}
		String expected = this.notificationRoute;
		if (expected != null && !expected.equals(route)) {
			logger.info("No rule matches route '{}' (the simulated rule matches '{}'): nothing posted", route,
					expected);
			return;
		}
		try {
			Map<String, Object> document = this.backend.executionDocument(execution.id(), execution.completesAt());
			if (document == null) {
				// forgotten by reset() meanwhile
				return;
			}
			Map<String, Object> alias = this.backend.alias(execution.aliasRef()).orElse(null);
			FormattedResult formatted = St2Jinja.formatExecutionResult(document, alias,
					this.catalog.defaultResultTemplate());
			if (!formatted.enabled()) {
				logger.info("The result of {} is disabled by its alias: nothing posted", execution.id());
				return;
			}
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("message", formatted.message());
			body.put("channel", execution.sourceChannel());
			body.put("user", execution.user());
			body.put("whisper", false);
			body.put("extra", (formatted.extra() != null) ? formatted.extra() : new LinkedHashMap<>());
			if (execution.sourceContext() != null) {
				body.put("context", execution.sourceContext());
			}
			this.notifications.send(execution.id(), body);
		}
		catch (JinjaException ex) {
			logger.warn("st2's chatops.format_execution_result would fail for {} ({}): nothing posted", execution.id(),
					ex.getMessage());
		}
		catch (RuntimeException ex) {
			logger.error("Completing execution {} failed", execution.id(), ex);
		}
	}

}
