package io.github.st2chatops.gateway.chat;

import java.util.List;

/**
 * What platform adapters hand their commands to. Declared here and implemented by the
 * command pipeline, so {@code chat} never depends on {@code command}.
 */
public interface ChatCommandHandler {

	/**
	 * Runs one line of chat.
	 * @param command the command
	 * @return the replies for the command's address; empty when the line was not for the
	 * gateway (bare mode chatter)
	 */
	List<ChatReply> handle(ChatCommand command);

}
