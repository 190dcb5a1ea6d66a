package io.github.st2chatops.gateway;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's console banner for the signed generic webhook.
 */
class TestGatewayApplicationTests {

	@Test
	void hmacShouldMatchTheWorkedExampleOfTheGenericWebhookGuide() {
		// docs/platforms/generic.md, "Worked example"
		assertThat(TestGatewayApplication.hmacSha256Hex("generic-secret-for-tests-0123456789",
				"1718000000.{\"text\":\"!st2 pack get st2\",\"user\":\"ci-bot\",\"channel\":\"builds\"}"))
			.isEqualTo("f06d222052ff1a169946b405622c9344fd38f48b54929d52ff3c8cb34c4016fa");
	}

	@Test
	void bannerShouldGiveTheSecretAndACurlLineSignedAtStartUp() {
		Instant now = Instant.ofEpochSecond(1718000000L);
		String body = "{\"text\":\"run date on localhost\",\"user\":\"demo\",\"channel\":\"demo\"}";

		String banner = TestGatewayApplication.genericWebhookHowTo("http://localhost:8080", now);

		assertThat(banner).contains("secret '" + TestGatewayApplication.DEMO_GENERIC_SECRET + "'")
			.contains("curl -s http://localhost:8080/chat/generic")
			.contains("X-Gateway-Timestamp: 1718000000")
			.contains("X-Gateway-Signature: sha256=" + TestGatewayApplication
				.hmacSha256Hex(TestGatewayApplication.DEMO_GENERIC_SECRET, "1718000000." + body))
			.contains("--data-binary '" + body + "'")
			.contains("openssl dgst -sha256 -hmac '" + TestGatewayApplication.DEMO_GENERIC_SECRET + "'");
	}

}
