package io.github.st2chatops.gateway.chat.mattermost;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatReply;
import io.github.st2chatops.gateway.chat.MessageSplitter;

import static org.assertj.core.api.Assertions.assertThat;

class MattermostMessagesTests {

	private final ChatAddress address = new ChatAddress("mattermost", "t", "c", "p", "u", "u", null);

	@Test
	void ofWhenPlainTextShouldKeepItAsIs() {
		List<MattermostMessages.Message> messages = MattermostMessages
			.of(ChatReply.of(this.address, "IMAGE <none> & **bold**"), 16383);
		assertThat(messages).containsExactly(new MattermostMessages.Message("IMAGE <none> & **bold**", null, null));
	}

	@Test
	void ofWhenLongerThanAPostShouldSplitWithinTheLimit() {
		String text = String.join("\n", Collections.nCopies(400, "z".repeat(99)));
		List<MattermostMessages.Message> messages = MattermostMessages.of(ChatReply.of(this.address, text), 16383);
		assertThat(messages).hasSize(3)
			.allSatisfy((message) -> assertThat(message.text()).hasSizeLessThanOrEqualTo(16383));
		assertThat(messages.get(0).text()).endsWith(MessageSplitter.CONTINUED);
	}

	@Test
	void asPostShouldCarryTheThreadRootAndAttachmentsInProps() {
		ChatReply reply = new ChatReply(this.address, "failed", Map.of("mattermost", Map.of("color", "#f00")), false);
		MattermostMessages.Message message = MattermostMessages.of(reply, 16383).get(0);
		Map<String, Object> post = message.asPost("c", "root");
		assertThat(post).containsEntry("channel_id", "c").containsEntry("root_id", "root").containsEntry("message", "");
		assertThat(post.get("props"))
			.isEqualTo(Map.of("attachments", List.of(Map.of("color", "#f00", "text", "failed", "fallback", "failed"))));
	}

	@Test
	void ofWhenExtraMattermostHasAttachmentsShouldSendThemAsGiven() {
		List<Map<String, Object>> attachments = List.of(Map.of("title", "JIRA-1"));
		MattermostMessages.Message message = MattermostMessages
			.of(new ChatReply(this.address, "ignored", Map.of("mattermost", Map.of("attachments", attachments)), false),
					16383)
			.get(0);
		assertThat(message.asResponse("comment"))
			.isEqualTo(Map.of("response_type", "comment", "text", "", "attachments", attachments));
	}

}
