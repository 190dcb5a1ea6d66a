package io.github.st2chatops.gateway.st2;

/**
 * Body of {@code POST /api/v1/actionalias/match} (st2 {@code ActionAliasMatchRequest}).
 *
 * @param command the chat line without prefix
 */
record St2AliasMatchRequest(String command) {
}
