package io.github.st2chatops.gateway.chat.generic;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.json.JsonTest;
import org.springframework.boot.test.json.JacksonTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generic webhook's message, with the application's JSON mapper, from the example in
 * docs/platforms (src/test/resources/chat/generic/).
 */
@JsonTest(properties = { "gateway.st2.url=http://st2.invalid", "gateway.st2.api-key=k" })
class GenericMessageJsonTests {

	@Autowired
	JacksonTester<GenericMessage> json;

	@Test
	void documentedMessageShouldReadEveryField() throws IOException {
		assertThat(this.json.read("/chat/generic/message.json"))
			.isEqualTo(new GenericMessage("!st2 pack get \u201cst2\u201d", "ci-bot", "builds", "build-4711"));
	}

	@Test
	void messageWithoutAThreadShouldLeaveItNullAndIgnoreUnknownFields() throws IOException {
		assertThat(this.json.parseObject("""
				{"text": "!st2 help", "user": "ci-bot", "channel": "builds", "sent_by": "jenkins"}"""))
			.isEqualTo(new GenericMessage("!st2 help", "ci-bot", "builds", null));
	}

}
