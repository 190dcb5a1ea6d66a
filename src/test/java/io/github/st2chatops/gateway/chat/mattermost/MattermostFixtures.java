package io.github.st2chatops.gateway.chat.mattermost;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Mattermost's documented payloads under {@code src/test/resources/chat/mattermost/}.
 */
final class MattermostFixtures {

	private MattermostFixtures() {
	}

	static String text(String name) {
		try (InputStream in = MattermostFixtures.class.getResourceAsStream("/chat/mattermost/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("no fixture " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
