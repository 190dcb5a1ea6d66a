package io.github.st2chatops.gateway.chat;

/**
 * One line of chat, platform-neutral, as a platform adapter hands it to the command
 * pipeline.
 *
 * @param address where it came from
 * @param text the line, mentions and smart quotes already cleaned up
 * @param addressed whether the bot was addressed the platform's way (a mention, a slash
 * command, a DM), in which case no prefix is needed
 */
public record ChatCommand(ChatAddress address, String text, boolean addressed) {
}
