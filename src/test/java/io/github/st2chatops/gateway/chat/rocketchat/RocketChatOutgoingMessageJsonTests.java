package io.github.st2chatops.gateway.chat.rocketchat;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.json.JsonTest;
import org.springframework.boot.test.json.JacksonTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a Rocket.Chat outgoing webhook posts, with the application's JSON mapper, from the
 * messages Rocket.Chat sends (src/test/resources/chat/rocketchat/).
 */
@JsonTest(properties = { "gateway.st2.url=http://st2.invalid", "gateway.st2.api-key=k" })
class RocketChatOutgoingMessageJsonTests {

	@Autowired
	JacksonTester<RocketChatOutgoingMessage> json;

	@Test
	void channelMessageShouldReadAuthorRoomAndText() throws IOException {
		RocketChatOutgoingMessage message = read("outgoing-webhook-message.json");

		assertThat(message.token()).isEqualTo("rc-outgoing-token-for-tests");
		assertThat(message.channelId()).isEqualTo("GENERAL");
		assertThat(message.channelName()).isEqualTo("general");
		assertThat(message.messageId()).isEqualTo("iNzCwGFnsEyAk7cSj");
		assertThat(message.userId()).isEqualTo("aobEdbYhXfu5hkeqG");
		assertThat(message.userName()).isEqualTo("jane.doe");
		assertThat(message.text()).isEqualTo("!st2 pack get \u201cst2\u201d");
		assertThat(message.tmid()).isNull();
		assertThat(message.fromBot()).isFalse();
		assertThat(message.problem()).isNull();
	}

	@Test
	void threadMessageShouldReadTheThreadsRoot() throws IOException {
		RocketChatOutgoingMessage message = read("outgoing-webhook-thread-message.json");

		assertThat(message.tmid()).isEqualTo("8XjbsbkJtrPWDtxJx");
	}

	@Test
	void directMessageShouldHaveNoRoomName() throws IOException {
		RocketChatOutgoingMessage message = read("outgoing-webhook-direct-message.json");

		assertThat(message.channelId()).isEqualTo("aobEdbYhXfu5hkeqGrocket.cat");
		assertThat(message.channelName()).isNull();
		assertThat(message.problem()).isNull();
	}

	@Test
	void messageOfABotShouldBeFromABot() throws IOException {
		RocketChatOutgoingMessage message = read("outgoing-webhook-bot-message.json");

		assertThat(message.fromBot()).isTrue();
	}

	@Test
	void messageWithoutAnAuthorShouldSaySo() throws IOException {
		RocketChatOutgoingMessage message = this.json.parseObject("""
				{"token": "rc-outgoing-token-for-tests", "bot": false, "channel_id": "GENERAL",
				 "message_id": "iNzCwGFnsEyAk7cSk", "text": "!st2 help"}""");

		assertThat(message.problem()).isEqualTo("'user_id' and 'user_name' are required.");
	}

	private RocketChatOutgoingMessage read(String fixture) throws IOException {
		return this.json.read("/chat/rocketchat/" + fixture).getObject();
	}

}
