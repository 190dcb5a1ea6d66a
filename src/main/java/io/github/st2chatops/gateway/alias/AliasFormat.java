package io.github.st2chatops.gateway.alias;

/**
 * One matchable format of an alias, after st2's normalisation of its format entries.
 *
 * @param display the help text of the entry it came from
 * @param representation the format string matched against and sent to st2 as
 * {@code format}
 * @param matchMultiple whether the entry asks st2 to extract every match
 */
public record AliasFormat(String display, String representation, boolean matchMultiple) {
}
