package io.github.st2chatops.gateway.relay;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.json.JsonTest;
import org.springframework.boot.test.json.JacksonTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * st2's result notification with the application's JSON mapper, from the parameters st2's
 * {@code chatops.post_message} sends (src/test/resources/relay/).
 */
@JsonTest(properties = { "gateway.st2.url=http://st2.invalid", "gateway.st2.api-key=k" })
class NotificationJsonTests {

	@Autowired
	JacksonTester<Notification> json;

	@Test
	void notificationByContextShouldReadTheAddressItCameFrom() throws IOException {
		Notification notification = this.json.read("/relay/notification-by-context.json").getObject();

		assertThat(notification.message()).startsWith("Action core.local completed.\nstatus : succeeded\n");
		assertThat(notification.channel()).isEqualTo("testchat:C024BE91L");
		assertThat(notification.user()).isEqualTo("jdoe");
		assertThat(notification.isWhisper()).isFalse();
		assertThat(notification.extra()).isEmpty();
		assertThat(notification.context()).containsEntry("platform", "testchat")
			.containsEntry("thread", "1700000000.000100")
			.containsEntry("user_id", "U2147483697");
	}

	@Test
	void notificationByChannelShouldHaveNoContext() throws IOException {
		Notification notification = this.json.read("/relay/notification-by-channel.json").getObject();

		assertThat(notification.channel()).isEqualTo("testchat:C0G9QF9GW");
		assertThat(notification.context()).isNull();
	}

	@Test
	void whisperWithPretextAndExtraShouldKeepThePlatformsExtras() throws IOException {
		Notification notification = this.json.read("/relay/notification-pretext-extra.json").getObject();

		assertThat(notification.isWhisper()).isTrue();
		assertThat(notification.extra()).containsEntry("color", "#042A60")
			.containsEntry("testchat", Map.of("icon_emoji", ":jira:", "username", "Jira Bot"));
		assertThat(St2Message.resolve(notification.message()))
			.isEqualTo("Jira issue ST2-42 created\n  summary : st2 chatops gateway\n"
					+ "  url : https://jira.example.com/browse/ST2-42");
	}

	@Test
	void runnerParametersOfPostMessageShouldBeIgnored() throws IOException {
		// chatops.post_message's runner parameters, which the endpoint does not read
		Notification notification = this.json.parseObject("""
				{"message": "done", "channel": "testchat:C024BE91L", "route": "chatops-gateway",
				 "experimental": false}""");

		assertThat(notification.message()).isEqualTo("done");
		assertThat(notification.whisper()).isNull();
		assertThat(notification.isWhisper()).isFalse();
	}

}
