package io.github.st2chatops.gateway.alias;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * An action-alias as the catalog holds it: st2's fields, in plain JDK types.
 *
 * @param ref {@code pack.name}
 * @param pack the pack
 * @param name the alias name (what {@code /aliasexecution} takes)
 * @param description shown by help
 * @param enabled whether st2 runs it
 * @param formats st2's raw format entries: each a {@link String} or a {@link Map} with
 * {@code display}, {@code representation} (string or list of strings) and optionally
 * {@code match_multiple}
 * @param ack st2's {@code ack} settings ({@code enabled}, {@code format}, {@code extra},
 * {@code append_url}), empty when absent
 * @param extra st2's alias {@code extra}, empty when absent
 */
public record AliasDefinition(String ref, String pack, String name, String description, boolean enabled,
		List<Object> formats, Map<String, Object> ack, Map<String, Object> extra) {

	public AliasDefinition {
		// st2 returns formats as stored; a null entry must reach the parser, which
		// reports it
		formats = (formats != null) ? Collections.unmodifiableList(new ArrayList<>(formats)) : List.of();
		ack = (ack != null) ? ack : Map.of();
		extra = (extra != null) ? extra : Map.of();
	}

}
