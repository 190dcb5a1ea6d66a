package io.github.st2chatops.gateway.simulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.st2chatops.gateway.simulator.SimulatorConfiguration.SimulatorGatewayRegistration;

import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.boot.web.server.servlet.context.ServletWebServerInitializedEvent;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class SimulatorConfigurationTests {

	private SimulatedSt2 st2;

	@BeforeEach
	void start() {
		this.st2 = SimulatedSt2.start();
	}

	@AfterEach
	void stop() {
		this.st2.close();
	}

	@Test
	void webServerInitializedShouldTellSimulatorWhereToPostResults() {
		MockEnvironment environment = new MockEnvironment().withProperty("gateway.st2.url", this.st2.url())
			.withProperty("gateway.relay.token", "relay-secret");
		new SimulatorGatewayRegistration(environment).onApplicationEvent(event(18080, null));
		assertThat(this.st2.stubs().gatewayUrl()).contains("http://localhost:18080");
	}

	@Test
	void managementServerInitializedShouldBeIgnored() {
		MockEnvironment environment = new MockEnvironment().withProperty("gateway.st2.url", this.st2.url())
			.withProperty("gateway.relay.token", "relay-secret");
		new SimulatorGatewayRegistration(environment).onApplicationEvent(event(18081, "management"));
		assertThat(this.st2.stubs().gatewayUrl()).isEmpty();
	}

	private static ServletWebServerInitializedEvent event(int port, String namespace) {
		WebServer webServer = mock(WebServer.class);
		given(webServer.getPort()).willReturn(port);
		ServletWebServerApplicationContext context = mock(ServletWebServerApplicationContext.class);
		given(context.getServerNamespace()).willReturn(namespace);
		return new ServletWebServerInitializedEvent(webServer, context);
	}

}
