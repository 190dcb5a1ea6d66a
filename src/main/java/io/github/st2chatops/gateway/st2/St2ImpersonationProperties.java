package io.github.st2chatops.gateway.st2;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * Per-user st2 identity ({@code gateway.st2.impersonation.*}): a command runs as the st2
 * user its chat user is mapped to, with a token st2's auth service issues to the
 * gateway's service account for that user.
 *
 * @param enabled whether commands run as the mapped st2 user; needs
 * gateway.st2.username/password of an st2 service account
 * @param users explicit mapping, entries platform:user-id=st2-user, e.g.
 * slack:U024BE7LH=alice; asked for with st2's user
 * @param nicknamePlatforms platforms whose users are looked up by st2 as nicknames: the
 * chat user id is sent as impersonate_user with nickname_origin = the platform id (st2
 * user nicknames: {slack: U024BE7LH})
 * @param fallback what happens to a user with no mapping
 */
@ConfigurationProperties("gateway.st2.impersonation")
public record St2ImpersonationProperties(@DefaultValue("false") boolean enabled, @DefaultValue List<String> users,
		@DefaultValue List<String> nicknamePlatforms, @DefaultValue("refuse") @NotNull Fallback fallback) {

	public St2ImpersonationProperties {
		users = List.copyOf(users);
		nicknamePlatforms = List.copyOf(nicknamePlatforms);
		userMap(users);
	}

	/**
	 * The explicit mapping.
	 * @return {@code <platform>:<user id>} to st2 user
	 */
	public Map<String, String> userMap() {
		return userMap(this.users);
	}

	private static Map<String, String> userMap(List<String> users) {
		Map<String, String> map = new LinkedHashMap<>();
		for (String entry : users) {
			int equals = entry.lastIndexOf('=');
			int colon = entry.indexOf(':');
			if (equals < 0 || colon <= 0 || colon > equals - 2 || !StringUtils.hasText(entry.substring(equals + 1))) {
				throw new IllegalArgumentException("gateway.st2.impersonation.users: '" + entry
						+ "' is not <platform>:<user id>=<st2 user>, e.g. slack:U024BE7LH=alice");
			}
			map.put(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim());
		}
		return map;
	}

	/**
	 * What happens to a chat user with no mapping.
	 */
	public enum Fallback {

		/** Nothing runs; the user is told they are not mapped. */
		REFUSE,

		/** The command runs as the gateway's own st2 user, as without impersonation. */
		GATEWAY_USER

	}

}
