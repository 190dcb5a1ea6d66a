package io.github.st2chatops.gateway.chat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

import io.github.st2chatops.gateway.chat.ChatWebhookSliceConfiguration.SwitchableClaimStore;

import static io.github.st2chatops.gateway.chat.WebhookTestSupport.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;

/**
 * What every {@code @WebMvcTest} of a chat webhook controller shares: {@code MockMvc},
 * the recording command handler and the claim store that can be taken down (both from
 * {@link ChatWebhookSliceConfiguration}), reset after each test; and one test of the
 * requests the controller must refuse, which the test class lists as
 * {@link RefusedRequest}s in a static {@code refusedRequests()}.
 */
public abstract class WebhookSliceTestBase {

	@Autowired
	protected MockMvc mvc;

	@Autowired
	protected ScriptedChatCommandHandler handler;

	@Autowired
	protected SwitchableClaimStore claims;

	@AfterEach
	void resetHandlerAndClaims() {
		this.claims.setDown(false);
		this.handler.reset();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("refusedRequests")
	protected void receiveWhenRequestIsRefusedShouldAnswerAProblemAndRunNothing(RefusedRequest refused)
			throws Exception {
		refused.assertAnswer(this.mvc.perform(refused.request()));
		assertThat(this.handler.commands()).isEmpty();
	}

	/**
	 * Takes the claim store down and sends a request that would run a command: the answer
	 * is 503 {@code unavailable} with {@code Retry-After: 5}, and nothing runs.
	 * @param request a valid request the platform would otherwise claim and run
	 * @throws Exception when the request cannot be performed
	 */
	protected void assertUnavailableWhileStateStoreIsDown(RequestBuilder request) throws Exception {
		this.claims.setDown(true);
		this.mvc.perform(request).andExpect(problem(503, "unavailable")).andExpect(header().string("Retry-After", "5"));
		assertThat(this.handler.commands()).isEmpty();
	}

}
