package io.github.st2chatops.gateway.chat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The senders of every configured platform, by platform id.
 */
public class ChatSenders {

	private final Map<String, ChatSender> byPlatform;

	public ChatSenders(List<ChatSender> senders) {
		this.byPlatform = senders.stream()
			.collect(Collectors.toUnmodifiableMap(ChatSender::platform, Function.identity(), (a, b) -> {
				throw new IllegalStateException("two senders for platform " + a.platform());
			}));
	}

	/**
	 * The sender for a platform.
	 * @param platform the platform id
	 * @return the sender, empty when the platform is unknown or not configured
	 */
	public Optional<ChatSender> forPlatform(String platform) {
		return Optional.ofNullable(this.byPlatform.get(platform));
	}

	/**
	 * The configured platforms.
	 * @return their ids
	 */
	public Set<String> platforms() {
		return this.byPlatform.keySet();
	}

}
