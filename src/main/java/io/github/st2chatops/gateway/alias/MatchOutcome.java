package io.github.st2chatops.gateway.alias;

import java.util.List;
import java.util.Map;

/**
 * What matching one chat line against the catalog gives, outcome for outcome as st2
 * decides it.
 */
public sealed interface MatchOutcome {

	/**
	 * Exactly one format of one enabled alias matched.
	 *
	 * @param alias the alias
	 * @param format the format that matched
	 * @param parameterSets the extracted parameters: one map, or one per match for a
	 * {@code match_multiple} format; values may be {@code null} as in st2
	 */
	record Matched(AliasDefinition alias, AliasFormat format,
			List<Map<String, String>> parameterSets) implements MatchOutcome {

		/**
		 * The first (usually the only) parameter set.
		 * @return the parameters
		 */
		public Map<String, String> parameters() {
			return this.parameterSets.isEmpty() ? Map.of() : this.parameterSets.get(0);
		}

	}

	/**
	 * Nothing matched.
	 *
	 * @param gaveUp aliases (refs, in catalog order, no repeats) one of whose formats
	 * gave up on the line because matching it needed too much work; usually empty. st2
	 * would hang or fail on such a line.
	 */
	record NoMatch(List<String> gaveUp) implements MatchOutcome {

		public NoMatch {
			gaveUp = List.copyOf(gaveUp);
		}

		/**
		 * Nothing matched and no format gave up.
		 */
		public NoMatch() {
			this(List.of());
		}

	}

	/**
	 * More than one format matched (st2's {@code ActionAliasAmbiguityException}).
	 *
	 * @param candidates each matching alias and format, in st2's order
	 */
	record Ambiguous(List<Candidate> candidates) implements MatchOutcome {
	}

	/**
	 * No enabled alias matched, but a disabled one would have.
	 *
	 * @param alias the disabled alias
	 * @param format the format that matched
	 */
	record Disabled(AliasDefinition alias, AliasFormat format) implements MatchOutcome {
	}

	/**
	 * One alias and format among several that matched.
	 *
	 * @param alias the alias
	 * @param format the format
	 */
	record Candidate(AliasDefinition alias, AliasFormat format) {
	}

}
