package io.github.st2chatops.gateway.command;

import java.util.List;

import io.github.st2chatops.gateway.command.AccessProperties.Effect;

/**
 * Decides whether a requester may run an alias: the channel switches first, then the
 * ordered rules (first match wins), then the default.
 */
final class AccessPolicy {

	private final Effect defaultEffect;

	private final boolean directMessages;

	private final List<AccessGlob> channels;

	private final List<CompiledRule> rules;

	AccessPolicy(AccessProperties properties) {
		this.defaultEffect = properties.defaultEffect();
		this.directMessages = properties.directMessages();
		this.channels = globs(properties.channels());
		this.rules = properties.rules().stream().map(CompiledRule::new).toList();
	}

	/**
	 * Whether the requester may run the alias.
	 * @param requester who asks, and where
	 * @param aliasRef the alias ({@code pack.name})
	 * @return {@code true} when it may run
	 */
	boolean permits(Requester requester, String aliasRef) {
		if (!mayRunHere(requester)) {
			return false;
		}
		String pack = pack(aliasRef);
		for (CompiledRule rule : this.rules) {
			if (rule.appliesTo(requester) && rule.covers(pack, aliasRef)) {
				return rule.effect == Effect.ALLOW;
			}
		}
		return this.defaultEffect == Effect.ALLOW;
	}

	/**
	 * Whether the channel switches let anything run where the requester is.
	 * @param requester who asks, and where
	 * @return {@code false} in a direct message when those are off, or outside the
	 * channel allowlist
	 */
	boolean mayRunHere(Requester requester) {
		if (requester.directMessage() && !this.directMessages) {
			return false;
		}
		if (this.channels.isEmpty() || requester.channel() == null) {
			return true;
		}
		return anyMatches(this.channels, requester.channel());
	}

	private static String pack(String aliasRef) {
		int dot = aliasRef.indexOf('.');
		return (dot > 0) ? aliasRef.substring(0, dot) : aliasRef;
	}

	private static List<AccessGlob> globs(List<String> values) {
		return values.stream().map(AccessGlob::of).toList();
	}

	private static boolean anyMatches(List<AccessGlob> globs, String value) {
		for (AccessGlob glob : globs) {
			if (glob.matches(value)) {
				return true;
			}
		}
		return false;
	}

	private static final class CompiledRule {

		private final List<AccessGlob> users;

		private final List<AccessGlob> channels;

		private final List<AccessGlob> packs;

		private final List<AccessGlob> aliases;

		private final Effect effect;

		CompiledRule(AccessProperties.Rule rule) {
			this.users = globs(rule.users());
			this.channels = globs(rule.channels());
			this.packs = globs(rule.packs());
			this.aliases = globs(rule.aliases());
			this.effect = rule.effect();
		}

		boolean appliesTo(Requester requester) {
			if (this.users.isEmpty() && this.channels.isEmpty()) {
				return true;
			}
			return anyMatches(this.users, requester.user())
					|| (requester.channel() != null && anyMatches(this.channels, requester.channel()));
		}

		boolean covers(String pack, String aliasRef) {
			if (this.packs.isEmpty() && this.aliases.isEmpty()) {
				return true;
			}
			return anyMatches(this.packs, pack) || anyMatches(this.aliases, aliasRef);
		}

	}

}
