package io.github.st2chatops.gateway.st2;

/**
 * Who a command runs as in st2, as decided by {@link St2Impersonation}.
 */
public sealed interface St2Identity {

	/** The gateway's own st2 credential, as without impersonation. */
	St2Identity GATEWAY = new Gateway();

	/**
	 * The gateway's own st2 user.
	 */
	record Gateway() implements St2Identity {

	}

	/**
	 * A mapped st2 user, with a token st2 issued for that user.
	 *
	 * @param st2User the st2 user name st2 issued the token to
	 * @param header {@code X-Auth-Token} with the user's token
	 */
	record User(String st2User, St2AuthHeader header) implements St2Identity {

	}

	/**
	 * A chat user with no mapping, with {@code fallback: refuse}: nothing may run.
	 */
	record Unmapped() implements St2Identity {

	}

}
