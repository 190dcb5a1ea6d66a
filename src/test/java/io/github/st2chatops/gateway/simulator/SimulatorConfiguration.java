package io.github.st2chatops.gateway.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Joins a running gateway to the simulated st2 it is configured with: once the gateway's
 * web server is up, it tells the simulator ({@code PUT /__simulator/gateway} at
 * {@code gateway.st2.url}) where to post results, with which relay token
 * ({@code gateway.relay.token}) and for which route ({@code gateway.st2.route}). The
 * simulator may run in this JVM or elsewhere.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SimulatorConfiguration {

	@Bean
	SimulatorGatewayRegistration simulatorGatewayRegistration(Environment environment) {
		return new SimulatorGatewayRegistration(environment);
	}

	static final class SimulatorGatewayRegistration implements ApplicationListener<WebServerInitializedEvent> {

		private static final Logger logger = LoggerFactory.getLogger(SimulatorGatewayRegistration.class);

		private final Environment environment;

		SimulatorGatewayRegistration(Environment environment) {
			this.environment = environment;
		}

		@Override
		public void onApplicationEvent(WebServerInitializedEvent event) {
			if (event.getApplicationContext().getServerNamespace() != null) {
				// the management server, if it has a port of its own
				return;
			}
			String st2Url = this.environment.getProperty("gateway.st2.url");
			String relayToken = this.environment.getProperty("gateway.relay.token");
			if (st2Url == null || relayToken == null) {
				logger.warn("gateway.st2.url or gateway.relay.token is not set: the simulated st2 cannot post results");
				return;
			}
			Map<String, String> body = new LinkedHashMap<>();
			body.put("url", "http://localhost:" + event.getWebServer().getPort());
			body.put("relay_token", relayToken);
			body.put("route", this.environment.getProperty("gateway.st2.route", SimulatorSettings.DEFAULT_ROUTE));
			HttpRequest request = HttpRequest
				.newBuilder(URI.create(st2Url.replaceAll("/+$", "") + "/__simulator/gateway"))
				.timeout(Duration.ofSeconds(5))
				.header("Content-Type", "application/json")
				.PUT(HttpRequest.BodyPublishers.ofString(JsonMapper.shared().writeValueAsString(body)))
				.build();
			try {
				int status = HttpClient.newHttpClient()
					.send(request, HttpResponse.BodyHandlers.discarding())
					.statusCode();
				if (status == 204) {
					logger.info("The simulated st2 at {} posts results to {}", st2Url, body.get("url"));
				}
				else {
					logger.warn("The simulated st2 at {} answered {}: is it a simulator?", st2Url, status);
				}
			}
			catch (IOException ex) {
				logger.warn("Could not reach the simulated st2 at {}: {}", st2Url, ex.toString());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
