package io.github.st2chatops.gateway.chat.slack;

import java.util.List;

/**
 * Slack's view of a button click ({@code block_actions}): where to answer it, and the
 * message the button was on, so that it can be replaced without its buttons.
 *
 * @param responseUrl the interaction's {@code response_url}
 * @param blocks the blocks of the message the button was on
 */
record SlackInteraction(String responseUrl, List<Object> blocks) {

	SlackInteraction {
		blocks = (blocks != null) ? blocks : List.of();
	}

}
