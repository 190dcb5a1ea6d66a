package io.github.st2chatops.gateway.chat.teams;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.json.JsonTest;
import org.springframework.boot.test.json.JacksonTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Teams outgoing webhook's activity with the application's JSON mapper, from the
 * activity Microsoft documents (src/test/resources/chat/teams/).
 */
@JsonTest(properties = { "gateway.st2.url=http://st2.invalid", "gateway.st2.api-key=k" })
class TeamsActivityJsonTests {

	@Autowired
	JacksonTester<TeamsActivity> json;

	@Test
	void documentedActivityShouldReadWhoWroteWhatWhere() throws IOException {
		TeamsActivity activity = this.json.read("/chat/teams/outgoing-webhook-message.json").getObject();

		assertThat(activity.type()).isEqualTo("message");
		assertThat(activity.id()).isEqualTo("1485983408511");
		assertThat(activity.text()).isEqualTo("<at>st2</at>&nbsp;pack get \u201cst2\u201d\n");
		assertThat(activity.from().name()).isEqualTo("Megan Bowen");
		assertThat(activity.from().aadObjectId()).isEqualTo("6e8d3bba-5b0a-4b1f-a2b7-9f4c21e3d8a0");
		assertThat(activity.channelId()).isEqualTo("19:253b1f341670408fb6fcb4541c6cd3cc@thread.tacv2");
		assertThat(activity.threadId()).isEqualTo("1485983194839");
		assertThat(activity.tenantId()).isEqualTo("72f988bf-86f1-41af-91ab-2d7cd011db47");
		assertThat(activity.replyToId()).isNull();
	}

	@Test
	void activityWithoutChannelDataShouldTakeChannelThreadAndTenantFromTheConversation() throws IOException {
		TeamsActivity activity = this.json.parseObject("""
				{"type": "message", "id": "1485983408512", "text": "<at>st2</at> help",
				 "from": {"id": "29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB39ATiQWA85gQtHieVkKilBZ9XHoq9j7Zaqt7CZ"},
				 "conversation": {"id": "19:0f7c2a1e3b4d4e5f8a9b0c1d2e3f4a5b@thread.tacv2;messageid=1485983194840",
				  "tenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47"}}""");

		assertThat(activity.channelId()).isEqualTo("19:0f7c2a1e3b4d4e5f8a9b0c1d2e3f4a5b@thread.tacv2");
		assertThat(activity.threadId()).isEqualTo("1485983194840");
		assertThat(activity.tenantId()).isEqualTo("72f988bf-86f1-41af-91ab-2d7cd011db47");
	}

}
