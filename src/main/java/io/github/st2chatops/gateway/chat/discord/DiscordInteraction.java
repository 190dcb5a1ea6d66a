package io.github.st2chatops.gateway.chat.discord;

/**
 * The parts of a Discord interaction the gateway answers with.
 *
 * @param id the interaction's id (a snowflake)
 * @param token the interaction's token: it lets the gateway send follow-ups for 15
 * minutes; never logged
 */
record DiscordInteraction(String id, String token) {

	@Override
	public String toString() {
		return "DiscordInteraction[id=" + this.id + ", token=******]";
	}

}
