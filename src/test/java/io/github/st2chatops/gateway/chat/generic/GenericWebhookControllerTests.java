package io.github.st2chatops.gateway.chat.generic;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import io.github.st2chatops.gateway.chat.ChatWebhookSliceConfiguration;
import io.github.st2chatops.gateway.chat.RefusedRequest;
import io.github.st2chatops.gateway.chat.WebhookSliceTestBase;

import static io.github.st2chatops.gateway.chat.RefusedRequest.invalidRequest;
import static io.github.st2chatops.gateway.chat.RefusedRequest.unauthorized;
import static io.github.st2chatops.gateway.chat.WebhookTestSupport.fixture;
import static io.github.st2chatops.gateway.chat.WebhookTestSupport.genericSigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code POST /chat/generic} in a web slice: the failure paths, answered before anything
 * runs.
 */
@WebMvcTest(controllers = GenericWebhookController.class,
		properties = { "gateway.st2.url=http://127.0.0.1:9", "gateway.st2.api-key=test-api-key",
				"gateway.chat.generic.secret=" + GenericWebhookControllerTests.SECRET,
				"gateway.chat.generic.callback-url=http://127.0.0.1:9/callback" })
@Import({ ChatWebhookSliceConfiguration.class, GenericConfiguration.class })
@EnableConfigurationProperties(GenericProperties.class)
class GenericWebhookControllerTests extends WebhookSliceTestBase {

	static final String SECRET = "generic-slice-test-secret-0123456789";

	static final byte[] MESSAGE = fixture("/chat/generic/message.json");

	static final AtomicLong lastTimestamp = new AtomicLong();

	static Stream<Named<RefusedRequest>> refusedRequests() {
		return Stream.of(
				named("signed with another secret",
						unauthorized(signed(MESSAGE, "another-secret-of-the-same-length!!"))
							.saying("X-Gateway-Signature does not match the request.")),
				named("no signature headers",
						unauthorized(post("/chat/generic").contentType(MediaType.APPLICATION_JSON).content(MESSAGE))),
				named("signed, not JSON", invalidRequest(signed("text=hi".getBytes(StandardCharsets.UTF_8), SECRET))),
				named("signed, no channel",
						invalidRequest(
								signed("{\"text\":\"hi\",\"user\":\"ci\"}".getBytes(StandardCharsets.UTF_8), SECRET))
							.saying("'channel' is required.")));
	}

	@Test
	void receiveWhenReplayedShouldBeAcceptedAsDuplicateAndRunOnce() throws Exception {
		MockHttpServletRequestBuilder request = signed(MESSAGE, SECRET);
		this.mvc.perform(request).andExpect(status().isAccepted()).andExpect(jsonPath("$.accepted").value(true));
		this.mvc.perform(request).andExpect(status().isAccepted()).andExpect(jsonPath("$.duplicate").value(true));
		await().untilAsserted(() -> assertThat(this.handler.commands()).hasSize(1));
	}

	@Test
	void receiveWhenStateStoreIsDownShouldBe503WithRetryAfterAndRunNothing() throws Exception {
		assertUnavailableWhileStateStoreIsDown(signed(MESSAGE, SECRET));
	}

	private static MockHttpServletRequestBuilder signed(byte[] body, String secret) {
		String[] headers = genericSigned(secret, now(), body);
		return post("/chat/generic").contentType(MediaType.APPLICATION_JSON)
			.header(headers[0], headers[1])
			.header(headers[2], headers[3])
			.content(body);
	}

	/** A timestamp no other request of this class used, so no two are replays. */
	private static String now() {
		long now = Instant.now().getEpochSecond();
		return Long.toString(lastTimestamp.updateAndGet((last) -> Math.max(now, last + 1)));
	}

}
