package io.github.st2chatops.gateway.chat.slack;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatReply;
import io.github.st2chatops.gateway.chat.MessageSplitter;

import static org.assertj.core.api.Assertions.assertThat;

class SlackMessagesTests {

	private final ChatAddress address = new ChatAddress("slack", "T1", "C1", "1.2", "U1", "U1", null);

	@Test
	void ofWhenPlainShortTextShouldGiveOneEscapedMessage() {
		List<Map<String, Object>> messages = SlackMessages.of(ChatReply.of(this.address, "IMAGE <none>"), 4000);
		assertThat(messages).containsExactly(Map.of("text", "IMAGE &lt;none&gt;"));
	}

	@Test
	void ofWhenTextIsLongerThanTheLimitShouldSplitAtLinesWithAMarker() {
		String line = "x".repeat(99);
		String text = String.join("\n", java.util.Collections.nCopies(100, line));
		List<Map<String, Object>> messages = SlackMessages.of(ChatReply.of(this.address, text), 4000);
		assertThat(messages).hasSize(3);
		assertThat(messages)
			.allSatisfy((message) -> assertThat((String) message.get("text")).hasSizeLessThanOrEqualTo(4000));
		assertThat((String) messages.get(0).get("text")).endsWith(MessageSplitter.CONTINUED);
		assertThat((String) messages.get(2).get("text")).doesNotEndWith(MessageSplitter.CONTINUED);
		String joined = messages.stream()
			.map((message) -> ((String) message.get("text")).replace(MessageSplitter.CONTINUED, ""))
			.reduce((a, b) -> a + "\n" + b)
			.orElseThrow();
		assertThat(joined).isEqualTo(text);
	}

	@Test
	void ofWhenExtraSlackHasAttachmentFieldsShouldPutTheTextInAnAttachment() {
		Map<String, Object> slack = Map.of("color", "#042A60", "title", "JIRA-1", "pretext", "Ticket", "fields",
				List.of(Map.of("title", "Summary", "value", "It broke", "short", false)));
		ChatReply reply = new ChatReply(this.address, "status: *open*", Map.of("slack", slack), false);
		List<Map<String, Object>> messages = SlackMessages.of(reply, 4000);
		assertThat(messages).hasSize(1);
		@SuppressWarnings("unchecked")
		Map<String, Object> attachment = ((List<Map<String, Object>>) messages.get(0).get("attachments")).get(0);
		assertThat(attachment).containsEntry("color", "#042A60")
			.containsEntry("title", "JIRA-1")
			.containsEntry("pretext", "Ticket")
			.containsEntry("text", "status: *open*")
			.containsEntry("fallback", "status: *open*")
			.containsEntry("mrkdwn_in", List.of("text", "pretext"))
			.containsKey("fields");
	}

	@Test
	@SuppressWarnings("unchecked")
	void ofWhenAnAttachmentIsSplitShouldPutTitleFirstAndFieldsLast() {
		String text = String.join("\n", java.util.Collections.nCopies(30, "y".repeat(20)));
		Map<String, Object> slack = Map.of("color", "good", "title", "T", "fields", List.of(Map.of("title", "F")));
		List<Map<String, Object>> messages = SlackMessages
			.of(new ChatReply(this.address, text, Map.of("slack", slack), false), 200);
		assertThat(messages).hasSizeGreaterThan(2);
		Map<String, Object> first = ((List<Map<String, Object>>) messages.get(0).get("attachments")).get(0);
		Map<String, Object> last = ((List<Map<String, Object>>) messages.get(messages.size() - 1).get("attachments"))
			.get(0);
		assertThat(first).containsEntry("title", "T").containsEntry("color", "good").doesNotContainKey("fields");
		assertThat(last).containsKey("fields").containsEntry("color", "good").doesNotContainKey("title");
	}

	@Test
	@SuppressWarnings("unchecked")
	void ofWhenOnlyExtraColorShouldGiveAColouredAttachment() {
		List<Map<String, Object>> messages = SlackMessages
			.of(new ChatReply(this.address, "failed", Map.of("color", "danger"), false), 4000);
		Map<String, Object> attachment = ((List<Map<String, Object>>) messages.get(0).get("attachments")).get(0);
		assertThat(attachment).containsEntry("color", "danger").containsEntry("text", "failed");
	}

	@Test
	void ofWhenExtraSlackBuildsTheWholeMessageShouldSendItAsGivenWithoutRouting() {
		Map<String, Object> slack = Map.of("username", "Jira Bot", "icon_emoji", ":jira:", "channel", "C-ELSEWHERE",
				"attachments", List.of(Map.of("title", "JIRA-1")));
		List<Map<String, Object>> messages = SlackMessages
			.of(new ChatReply(this.address, "ignored text", Map.of("slack", slack), false), 4000);
		assertThat(messages).containsExactly(Map.of("username", "Jira Bot", "icon_emoji", ":jira:", "attachments",
				List.of(Map.of("title", "JIRA-1"))));
	}

	@Test
	void ofWhenExtraSlackHasBlocksShouldUseTheTextForNotifications() {
		List<Object> blocks = List.of(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", "*hi*")));
		List<Map<String, Object>> messages = SlackMessages
			.of(new ChatReply(this.address, "hi & bye", Map.of("slack", Map.of("blocks", blocks)), false), 4000);
		assertThat(messages).containsExactly(Map.of("blocks", blocks, "text", "hi &amp; bye"));
	}

}
