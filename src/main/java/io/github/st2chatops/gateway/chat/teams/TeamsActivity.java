package io.github.st2chatops.gateway.chat.teams;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The parts of a Bot Framework activity, as a Teams outgoing webhook posts it, that the
 * gateway reads.
 *
 * @param type {@code message}
 * @param id the activity id, unique per message
 * @param text the message as Teams renders it: HTML-ish, with {@code <at>Name</at>}
 * mentions and entities
 * @param from who wrote it
 * @param conversation the channel conversation,
 * {@code 19:...@thread.tacv2;messageid=<root message id>}
 * @param channelData Teams' own data: channel, team, tenant
 * @param replyToId the message this one answers, if any
 * @param recipient the outgoing webhook (bot) the activity was sent to, when Teams names
 * it
 * @param entities what Teams found in the text, mentions among them
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record TeamsActivity(String type, String id, String text, Account from, Conversation conversation,
		ChannelData channelData, String replyToId, Account recipient, List<Entity> entities) {

	private static final String MESSAGE_ID = ";messageid=";

	/** Bot Framework gives bots (an outgoing webhook among them) ids that start so. */
	private static final String BOT_ID_PREFIX = "28:";

	/**
	 * How the outgoing webhook itself is mentioned in the text: the {@code text} of each
	 * {@code mention} entity naming the recipient (or, when Teams names no recipient, a
	 * bot).
	 * @return the mention texts, such as {@code <at>st2</at>}; empty when no entity says
	 */
	List<String> botMentions() {
		if (this.entities == null) {
			return List.of();
		}
		String botId = (this.recipient != null && hasText(this.recipient.id())) ? this.recipient.id() : null;
		return this.entities.stream()
			.filter((entity) -> entity != null && "mention".equals(entity.type()) && hasText(entity.text())
					&& entity.mentioned() != null && hasText(entity.mentioned().id()))
			.filter((entity) -> (botId != null) ? botId.equals(entity.mentioned().id())
					: entity.mentioned().id().startsWith(BOT_ID_PREFIX))
			.map(Entity::text)
			.toList();
	}

	/**
	 * The Teams channel id.
	 * @return {@code channelData.teamsChannelId}, else {@code channelData.channel.id},
	 * else the conversation id without its message id
	 */
	String channelId() {
		if (this.channelData != null && hasText(this.channelData.teamsChannelId())) {
			return this.channelData.teamsChannelId();
		}
		if (this.channelData != null && this.channelData.channel() != null
				&& hasText(this.channelData.channel().id())) {
			return this.channelData.channel().id();
		}
		String conversationId = this.conversation.id();
		int at = conversationId.indexOf(MESSAGE_ID);
		return (at >= 0) ? conversationId.substring(0, at) : conversationId;
	}

	/**
	 * The reply chain's root message id.
	 * @return the {@code messageid} part of the conversation id, or {@code null}
	 */
	String threadId() {
		String conversationId = this.conversation.id();
		int at = conversationId.indexOf(MESSAGE_ID);
		return (at >= 0 && at + MESSAGE_ID.length() < conversationId.length())
				? conversationId.substring(at + MESSAGE_ID.length()) : null;
	}

	/**
	 * The tenant id.
	 * @return {@code channelData.tenant.id}, else {@code conversation.tenantId}, or
	 * {@code null}
	 */
	String tenantId() {
		if (this.channelData != null && this.channelData.tenant() != null && hasText(this.channelData.tenant().id())) {
			return this.channelData.tenant().id();
		}
		return (this.conversation != null) ? this.conversation.tenantId() : null;
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

	/**
	 * A Teams account.
	 *
	 * @param id the Teams user id ({@code 29:...})
	 * @param name the display name
	 * @param aadObjectId the Microsoft Entra object id
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Account(String id, String name, String aadObjectId) {
	}

	/**
	 * The conversation.
	 *
	 * @param id the conversation id
	 * @param conversationType {@code channel}
	 * @param tenantId the tenant id
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Conversation(String id, String conversationType, String tenantId) {
	}

	/**
	 * Teams' channel data.
	 *
	 * @param teamsChannelId the channel id
	 * @param teamsTeamId the team id
	 * @param tenant the tenant
	 * @param channel the channel
	 * @param team the team
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record ChannelData(String teamsChannelId, String teamsTeamId, Ref tenant, Ref channel, Ref team) {
	}

	/**
	 * Something Teams found in the text; the gateway reads mentions.
	 *
	 * @param type {@code mention}, {@code clientInfo} ...
	 * @param text a mention's text as it appears in the activity's text, such as
	 * {@code <at>st2</at>}
	 * @param mentioned who a mention names
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Entity(String type, String text, Account mentioned) {
	}

	/**
	 * A reference by id.
	 *
	 * @param id the id
	 * @param name the name, if Teams sent one
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Ref(String id, String name) {
	}

}
