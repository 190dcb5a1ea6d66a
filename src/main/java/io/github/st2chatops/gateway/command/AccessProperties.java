package io.github.st2chatops.gateway.command;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * Who may run which alias, where. Unknown settings under {@code gateway.access} stop
 * start-up, so a misspelt rule never silently allows everything.
 *
 * @param defaultEffect what applies when no rule matches (allow, the default, so existing
 * setups keep working; deny is recommended in production)
 * @param directMessages whether commands may run in direct messages (default true); only
 * Slack addresses tell a direct message apart
 * @param channels the channels commands may run in, platform:channel-id (globs allowed);
 * empty means every channel. REST API calls without a channel are not in a chat channel
 * and are not checked against it
 * @param rules the ordered rules; the first that matches decides
 */
@ConfigurationProperties(prefix = "gateway.access", ignoreUnknownFields = false)
public record AccessProperties(@Name("default") @DefaultValue("allow") Effect defaultEffect,
		@DefaultValue("true") boolean directMessages, @DefaultValue List<String> channels,
		@DefaultValue List<Rule> rules) {

	public AccessProperties {
		channels = (channels != null) ? List.copyOf(channels) : List.of();
		rules = (rules != null) ? List.copyOf(rules) : List.of();
		for (int i = 0; i < channels.size(); i++) {
			AccessGlob.validateSubject(channels.get(i), "gateway.access.channels[" + i + "]");
		}
		for (int i = 0; i < rules.size(); i++) {
			rules.get(i).validate("gateway.access.rules[" + i + "]");
		}
	}

	/**
	 * What a rule does.
	 */
	public enum Effect {

		/** The alias may run. */
		ALLOW,
		/** The alias may not run. */
		DENY

	}

	/**
	 * One rule: subjects (who), objects (what) and the effect. A rule without subjects
	 * applies to everyone; without objects, to every alias.
	 *
	 * @param users platform:user-id (stable ids, never display names), or api:key-name
	 * for REST API keys; globs allowed
	 * @param channels platform:channel-id; globs allowed
	 * @param packs pack names or globs
	 * @param aliases alias refs (pack.name) or globs such as ops.* or *.restart*
	 * @param effect allow or deny; required
	 */
	public record Rule(@DefaultValue List<String> users, @DefaultValue List<String> channels,
			@DefaultValue List<String> packs, @DefaultValue List<String> aliases, Effect effect) {

		public Rule {
			users = (users != null) ? List.copyOf(users) : List.of();
			channels = (channels != null) ? List.copyOf(channels) : List.of();
			packs = (packs != null) ? List.copyOf(packs) : List.of();
			aliases = (aliases != null) ? List.copyOf(aliases) : List.of();
		}

		void validate(String property) {
			if (this.effect == null) {
				throw new IllegalArgumentException(property + ".effect must be set to allow or deny");
			}
			if (this.users.isEmpty() && this.channels.isEmpty() && this.packs.isEmpty() && this.aliases.isEmpty()) {
				throw new IllegalArgumentException(property
						+ " names no users, channels, packs or aliases; set gateway.access.default instead of a rule that matches everything");
			}
			for (int i = 0; i < this.users.size(); i++) {
				AccessGlob.validateSubject(this.users.get(i), property + ".users[" + i + "]");
			}
			for (int i = 0; i < this.channels.size(); i++) {
				AccessGlob.validateSubject(this.channels.get(i), property + ".channels[" + i + "]");
			}
			for (int i = 0; i < this.packs.size(); i++) {
				AccessGlob.validateObject(this.packs.get(i), property + ".packs[" + i + "]");
			}
			for (int i = 0; i < this.aliases.size(); i++) {
				AccessGlob.validateObject(this.aliases.get(i), property + ".aliases[" + i + "]");
			}
		}

	}

}
