package io.github.st2chatops.gateway.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A simulated st2 on its own WireMock server: {@link St2Stubs} registered on a server
 * listening on {@code localhost}.
 *
 * <pre class="code">
 * try (SimulatedSt2 st2 = SimulatedSt2.start(SimulatorSettings.defaults())) {
 *     st2.url();                     // http://localhost:54321
 *     st2.gatewayProperties();       // gateway.st2.url ... pointing at it
 *     st2.stubs().notifyGatewayAt("http://localhost:8080", "relay-token");
 *     st2.stubs().lastExecution();
 * }
 * </pre>
 */
public final class SimulatedSt2 implements AutoCloseable {

	private final WireMockServer server;

	private final St2Stubs stubs;

	private SimulatedSt2(WireMockServer server, St2Stubs stubs) {
		this.server = server;
		this.stubs = stubs;
	}

	/**
	 * Starts a simulated st2 with the default settings on a free port.
	 * @return the running simulator
	 */
	public static SimulatedSt2 start() {
		return start(SimulatorSettings.defaults());
	}

	/**
	 * Starts a simulated st2.
	 * @param settings how it behaves and which port it takes ({@code 0} for a free one)
	 * @return the running simulator
	 */
	public static SimulatedSt2 start(SimulatorSettings settings) {
		St2Stubs stubs = new St2Stubs(settings);
		WireMockServer server = new WireMockServer(
				wireMockConfig().port(settings.port()).extensions(stubs.extension()).maxRequestJournalEntries(1000));
		server.start();
		stubs.register(server);
		return new SimulatedSt2(server, stubs);
	}

	/**
	 * The port it listens on.
	 * @return the port
	 */
	public int port() {
		return this.server.port();
	}

	/**
	 * Its base URL, what {@code gateway.st2.url} should be.
	 * @return e.g. {@code http://localhost:9101}
	 */
	public String url() {
		return "http://localhost:" + port();
	}

	/**
	 * Its stubs and state: executions requested, notifications posted, where results go.
	 * @return the stubs
	 */
	public St2Stubs stubs() {
		return this.stubs;
	}

	/**
	 * The WireMock server, for verifying requests.
	 * @return the server
	 */
	public WireMockServer wireMock() {
		return this.server;
	}

	/**
	 * The gateway's properties that point it at this simulator, authenticating with user
	 * and password so that token renewal is exercised.
	 * @return {@code gateway.st2.url}, {@code .username}, {@code .password},
	 * {@code .web-url}
	 */
	public Map<String, String> gatewayProperties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("gateway.st2.url", url());
		properties.put("gateway.st2.username", this.stubs.settings().username());
		properties.put("gateway.st2.password", this.stubs.settings().password());
		properties.put("gateway.st2.web-url",
				(this.stubs.settings().webUrl() != null) ? this.stubs.settings().webUrl() : url());
		return properties;
	}

	@Override
	public void close() {
		this.server.stop();
		this.stubs.close();
	}

}
