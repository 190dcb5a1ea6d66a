package io.github.st2chatops.gateway.alias;

/**
 * A format of an alias that st2 could not use, so the catalog skips it.
 *
 * @param aliasRef the alias ({@code pack.name})
 * @param format the format (representation), or the whole entry as text when the entry
 * itself is malformed
 * @param reason why, readable
 */
public record InvalidFormat(String aliasRef, String format, String reason) {
}
