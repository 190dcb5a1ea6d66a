package io.github.st2chatops.gateway.support;

import java.util.LinkedHashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * WireMock on a random port standing in for st2 or a chat API, owned by one test class.
 * Declare it as a static extension field; it is started at once, so a static block can
 * stub what the gateway asks for while it starts, and it stops after the class. The
 * settings it names point at it in the test's application context (see
 * {@link StubServerContextCustomizerFactory}), with no {@code @DynamicPropertySource}:
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static final StubServer st2 = StubServer.st2();
 *
 * &#64;RegisterExtension
 * static final StubServer chat = StubServer.serving("gateway.chat.generic.callback-url", "/callback");
 * </pre>
 */
public final class StubServer extends WireMockServer implements BeforeEachCallback, AfterAllCallback {

	/** The setting that holds st2's base URL. */
	public static final String ST2_URL = "gateway.st2.url";

	private final Map<String, String> paths = new LinkedHashMap<>();

	private boolean resetBeforeEach;

	private StubServer(WireMockConfiguration options) {
		super(options.dynamicPort());
		start();
	}

	/**
	 * st2: {@code gateway.st2.url} points at the server.
	 * @return the started server
	 */
	public static StubServer st2() {
		return st2(options());
	}

	/**
	 * st2 on a server with options of its own (more container threads, say).
	 * @param options the options; the port is always a random one
	 * @return the started server
	 */
	public static StubServer st2(WireMockConfiguration options) {
		return new StubServer(options).andServing(ST2_URL, "");
	}

	/**
	 * A server one setting points at, with a path after the base URL.
	 * @param property the setting, e.g. gateway.chat.generic.callback-url
	 * @param path what follows the base URL, e.g. /callback, or empty
	 * @return the started server
	 */
	public static StubServer serving(String property, String path) {
		return serving(options(), property, path);
	}

	/**
	 * A server with options of its own that one setting points at.
	 * @param options the options; the port is always a random one
	 * @param property the setting
	 * @param path what follows the base URL, or empty
	 * @return the started server
	 */
	public static StubServer serving(WireMockConfiguration options, String property, String path) {
		return new StubServer(options).andServing(property, path);
	}

	/**
	 * Points one more setting at the server.
	 * @param property the setting
	 * @param path what follows the base URL, or empty
	 * @return this server
	 */
	public StubServer andServing(String property, String path) {
		this.paths.put(property, path);
		return this;
	}

	/**
	 * Forgets stubs and requests before each test, as {@code WireMockExtension} does.
	 * @return this server
	 */
	public StubServer resettingBeforeEach() {
		this.resetBeforeEach = true;
		return this;
	}

	/**
	 * The settings that point at this server, with their values.
	 * @return setting name to URL
	 */
	public Map<String, Object> properties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		this.paths.forEach((property, path) -> properties.put(property, baseUrl() + path));
		return properties;
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (this.resetBeforeEach) {
			resetAll();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		stop();
	}

}
