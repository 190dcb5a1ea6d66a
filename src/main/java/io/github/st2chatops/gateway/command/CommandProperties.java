package io.github.st2chatops.gateway.command;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Command pipeline settings.
 *
 * @param prefix what a chat line starts with to be a command (default !st2); empty means
 * every line is tried and lines that match nothing are ignored (bare mode)
 * @param helpPageSize how many entries help lists by default (default 20)
 * @param maxLength the longest command accepted, in characters (default 4000)
 */
@ConfigurationProperties("gateway.command")
public record CommandProperties(@DefaultValue("!st2") String prefix, @DefaultValue("20") int helpPageSize,
		@DefaultValue("4000") int maxLength) {

	public CommandProperties {
		prefix = (prefix != null) ? prefix.strip() : "";
		if (helpPageSize < 1 || helpPageSize > 100) {
			throw new IllegalArgumentException("gateway.command.help-page-size must be between 1 and 100");
		}
		if (maxLength < 1) {
			throw new IllegalArgumentException("gateway.command.max-length must be positive");
		}
	}

}
