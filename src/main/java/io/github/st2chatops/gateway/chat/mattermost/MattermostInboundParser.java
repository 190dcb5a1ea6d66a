package io.github.st2chatops.gateway.chat.mattermost;

import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatCommand;
import io.github.st2chatops.gateway.chat.ChatInboundParser;
import io.github.st2chatops.gateway.chat.ChatRequest;
import io.github.st2chatops.gateway.chat.ChatText;
import io.github.st2chatops.gateway.chat.InboundCommand;

import static io.github.st2chatops.gateway.chat.mattermost.MattermostFields.hasText;

/**
 * Reads a verified Mattermost slash command or outgoing webhook. A slash command is
 * claimed on its {@code trigger_id}, an outgoing webhook on its {@code post_id}.
 *
 * @param properties the Mattermost settings
 * @param jsonMapper reads JSON bodies
 */
record MattermostInboundParser(MattermostProperties properties,
		JsonMapper jsonMapper) implements ChatInboundParser<MattermostRequest> {

	@Override
	public Parsed<MattermostRequest> parse(ChatRequest request) {
		Map<String, String> fields;
		try {
			fields = MattermostFields.read(request, this.jsonMapper);
		}
		catch (MattermostFields.UnreadableException ex) {
			return new Parsed.Refused<>(ex.problem());
		}
		boolean slashCommand = hasText(fields.get("command"));
		String missing = missing(fields);
		if (missing != null) {
			return Parsed.invalid("The Mattermost payload has no '" + missing + "'.");
		}
		String userId = fields.get("user_id");
		String userName = (this.properties.userField() == MattermostProperties.UserField.NAME) ? fields.get("user_name")
				: userId;
		String postId = slashCommand ? null : fields.get("post_id");
		String text = ChatText.normalize(fields.getOrDefault("text", ""));
		boolean addressed = slashCommand;
		if (!slashCommand) {
			String triggerWord = fields.get("trigger_word");
			if (hasText(triggerWord) && text.startsWith(triggerWord.strip())) {
				// the trigger word addresses the gateway, like a mention
				text = text.substring(triggerWord.strip().length()).strip();
				addressed = true;
			}
		}
		if (addressed && text.isEmpty()) {
			// "/st2" or the trigger word on its own asks what there is
			text = "help";
		}
		ChatAddress address = new ChatAddress(MattermostConfiguration.PLATFORM, fields.get("team_id"),
				fields.get("channel_id"), postId, userId, userName, slashCommand ? fields.get("response_url") : null);
		ChatCommand command = new ChatCommand(address, text, addressed);
		String claimId = slashCommand ? fields.get("trigger_id") : postId;
		String[] claimKeys = hasText(claimId)
				? new String[] { "mattermost:" + (slashCommand ? "command" : "post") + ":" + claimId } : new String[0];
		return Parsed.command(InboundCommand.of(new MattermostRequest(slashCommand, postId), command,
				this.properties.dedupeWindow(), claimKeys));
	}

	private String missing(Map<String, String> fields) {
		for (String name : new String[] { "channel_id", "user_id" }) {
			if (!hasText(fields.get(name))) {
				return name;
			}
		}
		if (this.properties.userField() == MattermostProperties.UserField.NAME && !hasText(fields.get("user_name"))) {
			return "user_name";
		}
		return null;
	}

}
