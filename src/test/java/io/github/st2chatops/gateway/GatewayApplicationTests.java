package io.github.st2chatops.gateway;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole application starts with the least configuration: an st2 URL and one
 * credential. Nothing listens on the URL: start-up must not need st2.
 */
@SpringBootTest(properties = { "gateway.st2.url=http://127.0.0.1:9", "gateway.st2.api-key=test-api-key" })
class GatewayApplicationTests {

	@Test
	void contextLoads() {
	}

}
