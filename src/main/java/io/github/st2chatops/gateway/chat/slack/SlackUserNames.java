package io.github.st2chatops.gateway.chat.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slack user names by member id, from {@code users.info}, kept for an hour. Events API
 * messages carry only the member id; with {@code user-field: name} st2 sees the name.
 */
class SlackUserNames {

	private static final Duration KEEP = Duration.ofHours(1);

	private static final int MAX_ENTRIES = 10_000;

	private final SlackClient client;

	private final Clock clock;

	private final Map<String, Entry> names = new ConcurrentHashMap<>();

	SlackUserNames(SlackClient client, Clock clock) {
		this.client = client;
		this.clock = clock;
	}

	/**
	 * A user's name.
	 * @param userId the member id
	 * @return the user name
	 * @throws SlackApiException when Slack does not say
	 */
	String nameOf(String userId) {
		Instant now = this.clock.instant();
		Entry cached = this.names.get(userId);
		if (cached != null && cached.until().isAfter(now)) {
			return cached.name();
		}
		String name = this.client.user(userId).path("name").asString("");
		if (name.isBlank()) {
			throw new SlackApiException("Slack's users.info has no name for that user", "no_name", false, null, null);
		}
		if (this.names.size() >= MAX_ENTRIES) {
			this.names.clear();
		}
		this.names.put(userId, new Entry(name, now.plus(KEEP)));
		return name;
	}

	private record Entry(String name, Instant until) {
	}

}
