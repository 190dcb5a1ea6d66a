package io.github.st2chatops.gateway.st2;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The 200 answer of {@code POST /api/v1/actionalias/match}: the one alias whose format
 * matched the command. st2 answers 400 instead (a {@link St2RejectedException}) when no
 * alias or more than one matched.
 *
 * @param actionalias the matching alias
 * @param display the matched format's display string
 * @param representation the matched representation, what
 * {@code POST /api/v1/aliasexecution} takes as {@code format}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record St2AliasMatch(St2ActionAlias actionalias, String display, String representation) {
}
