package io.github.st2chatops.gateway.st2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code POST /auth/v1/tokens} (st2 {@code TokenRequest}). A service account may
 * ask for another user's token: by st2 user name ({@code user}) or by chat nickname
 * ({@code impersonate_user} with {@code nickname_origin}).
 *
 * @param ttl lifetime in seconds, {@code null} for st2's default
 * @param user st2 user to impersonate
 * @param impersonateUser nickname to impersonate
 * @param nicknameOrigin where the nickname comes from, e.g. {@code slack}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record St2TokenRequest(Long ttl, String user, @JsonProperty("impersonate_user") String impersonateUser,
		@JsonProperty("nickname_origin") String nicknameOrigin) {

	St2TokenRequest(Long ttl) {
		this(ttl, null, null, null);
	}

}
