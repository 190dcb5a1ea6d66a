package io.github.st2chatops.gateway.st2;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of {@code POST /auth/v1/tokens} (st2 {@code TokenRequest}).
 *
 * @param ttl lifetime in seconds, {@code null} for st2's default
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record St2TokenRequest(Long ttl) {
}
