package io.github.st2chatops.gateway.chat;

import org.junit.jupiter.api.AfterEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import io.github.st2chatops.gateway.chat.ChatWebhookSliceConfiguration.SwitchableClaimStore;

/**
 * What every {@code @WebMvcTest} of a chat webhook controller shares: {@code MockMvc},
 * the recording command handler and the claim store that can be taken down (both from
 * {@link ChatWebhookSliceConfiguration}), reset after each test.
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

}
