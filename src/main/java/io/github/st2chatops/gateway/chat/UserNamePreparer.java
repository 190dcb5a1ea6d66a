package io.github.st2chatops.gateway.chat;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the user's name into a command whose message carried only the user's id (Slack's
 * events, Mattermost's posts) when st2 should see names ({@code user-field: name}). When
 * the platform cannot say, nothing runs: an addressed command gets a whisper that says
 * so, any other line nothing.
 *
 * @param platform the platform's name, as the reply says it ("Slack")
 * @param names the user's name by user id; throws when the platform cannot say
 * @param hint what may be wrong, appended to the reply (" (its Slack app may lack the
 * users:read scope)"), or empty
 */
public record UserNamePreparer(String platform, UnaryOperator<String> names,
		String hint) implements ChatCommandPreparer {

	private static final Logger logger = LoggerFactory.getLogger(UserNamePreparer.class);

	@Override
	public Prepared prepare(ChatCommand command) {
		ChatAddress address = command.address();
		try {
			String name = this.names.apply(address.userId());
			return new Prepared.Ready(
					new ChatCommand(
							new ChatAddress(address.platform(), address.workspace(), address.channel(),
									address.thread(), address.userId(), name, address.responseUrl()),
							command.text(), command.addressed()));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not read the {} name of user {}: {}", this.platform, address.userId(), ex.getMessage());
			if (!command.addressed()) {
				return new Prepared.Refused(List.of());
			}
			return new Prepared.Refused(List.of(new ChatReply(address,
					"I could not look up your " + this.platform
							+ " user name, so nothing ran. The gateway's log says why" + this.hint + ".",
					Map.of(), true)));
		}
	}

}
