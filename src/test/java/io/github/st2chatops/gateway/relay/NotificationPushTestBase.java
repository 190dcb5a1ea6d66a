package io.github.st2chatops.gateway.relay;

import java.util.ArrayList;
import java.util.List;

import io.github.st2chatops.gateway.support.GatewayHttp;
import io.github.st2chatops.gateway.support.GatewayIntegrationTestBase;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the end-to-end tests of pushed results share: the relay's token, and a push of a
 * notification as st2's pack posts it (JSON, the bearer token, any further headers such
 * as {@code Idempotency-Key}). The test class declares its {@code @SpringBootTest} with
 * the platforms it pushes to.
 */
@TestPropertySource(properties = "gateway.relay.token=" + NotificationPushTestBase.TOKEN)
abstract class NotificationPushTestBase extends GatewayIntegrationTestBase {

	static final String TOKEN = "relay-token-0123456789abcdef";

	/**
	 * Pushes a notification to the gateway.
	 * @param body the notification's JSON
	 * @param headers further header names and values
	 * @return the answer
	 */
	GatewayHttp.Response push(String body, String... headers) {
		List<String> all = new ArrayList<>(
				List.of("Content-Type", "application/json", "Authorization", "Bearer " + TOKEN));
		all.addAll(List.of(headers));
		return this.http.post(NotificationController.PATH, body, all.toArray(String[]::new));
	}

	/**
	 * Asserts that the gateway accepted a push (202) with the given outcome.
	 * @param response the answer
	 * @param status {@code delivered}, {@code duplicate}, {@code not_relayed} ...
	 */
	static void assertAccepted(GatewayHttp.Response response, String status) {
		assertThat(response.status()).isEqualTo(202);
		assertThat(response.json()).containsEntry("status", status);
	}

}
