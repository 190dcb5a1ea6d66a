package io.github.st2chatops.gateway.relay;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.st2chatops.gateway.chat.InquiryProperties;
import io.github.st2chatops.gateway.st2.St2Inquiry;
import io.github.st2chatops.gateway.st2.St2InquirySchema;

/**
 * The chat message that asks an st2 inquiry: the prompt (the schema's descriptions), who
 * may answer, when it expires, and how to answer in text. A schema of one boolean, or one
 * string with an {@code enum}, also gets buttons: Slack Block Kit {@code actions}, and
 * Mattermost interactive message actions whose context is signed (only with
 * {@code gateway.inquiry.public-url} and {@code signing-secret}). Each button's answer is
 * {@code <inquiry id> <value>}, which becomes
 * {@code inquiry respond <inquiry id> <value>} when clicked.
 */
final class InquiryMessages {

	/** The path Mattermost's buttons call back to. */
	static final String MATTERMOST_ACTIONS_PATH = "/chat/mattermost/actions";

	private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final InquiryProperties properties;

	private final String prefix;

	InquiryMessages(InquiryProperties properties, String prefix) {
		this.properties = properties;
		this.prefix = prefix;
	}

	/**
	 * The message for an inquiry.
	 * @param inquiry the inquiry
	 * @param started when it started, or {@code null} when st2 did not say
	 * @return the text and the platform extras with buttons
	 */
	Notification compose(St2Inquiry inquiry, Instant started) {
		St2InquirySchema schema = St2InquirySchema.of(inquiry.schema());
		String text = text(inquiry, schema, started);
		Map<String, Object> extra = new LinkedHashMap<>();
		Optional<St2InquirySchema.Field> field = schema.buttonField();
		if (field.isPresent()) {
			List<Choice> choices = choices(field.get());
			extra.put("slack", slack(inquiry.id(), text, choices));
			if (this.properties.mattermostButtons()) {
				extra.put("mattermost", mattermost(inquiry.id(), text, choices));
			}
		}
		return new Notification(text, null, null, false, extra, null);
	}

	private String text(St2Inquiry inquiry, St2InquirySchema schema, Instant started) {
		StringBuilder text = new StringBuilder("st2 asks: ").append(String.join("\n", schema.prompt()));
		text.append("\nWho may answer: ").append(inquiry.whoMayAnswer()).append(".");
		if (started != null && inquiry.ttl() != null && inquiry.ttl() > 0) {
			text.append(" Expires at ").append(EXPIRY.format(started.plusSeconds(inquiry.ttl() * 60L))).append(".");
		}
		String example = "inquiry respond " + inquiry.id() + " " + schema.example();
		text.append("\nAnswer with `").append(this.prefix.isEmpty() ? example : this.prefix + " " + example);
		return text.append("` (st2 inquiry ").append(inquiry.id()).append(").").toString();
	}

	private static List<Choice> choices(St2InquirySchema.Field field) {
		if (field.isBoolean()) {
			return List.of(new Choice("Approve", "true", "primary"), new Choice("Reject", "false", "danger"));
		}
		return field.choices().stream().map((value) -> new Choice(value, value, null)).toList();
	}

	private static Map<String, Object> slack(String id, String text, List<Choice> choices) {
		List<Map<String, Object>> buttons = new ArrayList<>();
		for (int i = 0; i < choices.size(); i++) {
			Choice choice = choices.get(i);
			Map<String, Object> button = new LinkedHashMap<>();
			button.put("type", "button");
			button.put("action_id", "st2_inquiry_" + i);
			button.put("text", Map.of("type", "plain_text", "text", choice.label()));
			button.put("value", id + " " + choice.value());
			if (choice.style() != null) {
				button.put("style", choice.style());
			}
			buttons.add(button);
		}
		Map<String, Object> section = Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", text));
		Map<String, Object> actions = Map.of("type", "actions", "block_id", "st2_inquiry", "elements", buttons);
		return Map.of("blocks", List.of(section, actions));
	}

	private Map<String, Object> mattermost(String id, String text, List<Choice> choices) {
		String url = this.properties.publicUrl().toString().replaceAll("/+$", "") + MATTERMOST_ACTIONS_PATH;
		List<Map<String, Object>> actions = new ArrayList<>();
		for (int i = 0; i < choices.size(); i++) {
			Choice choice = choices.get(i);
			Map<String, Object> context = new LinkedHashMap<>();
			context.put("inquiry", id);
			context.put("answer", choice.value());
			context.put("signature", this.properties.sign(id, choice.value()));
			Map<String, Object> action = new LinkedHashMap<>();
			action.put("id", "st2inquiry" + i);
			action.put("name", choice.label());
			action.put("integration", Map.of("url", url, "context", context));
			if (choice.style() != null) {
				action.put("style", choice.style());
			}
			actions.add(action);
		}
		Map<String, Object> attachment = new LinkedHashMap<>();
		attachment.put("text", text);
		attachment.put("actions", actions);
		return Map.of("attachments", List.of(attachment));
	}

	private record Choice(String label, String value, String style) {
	}

}
