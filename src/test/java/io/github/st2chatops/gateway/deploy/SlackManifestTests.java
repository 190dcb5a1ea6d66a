package io.github.st2chatops.gateway.deploy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static io.github.st2chatops.gateway.deploy.HelmChart.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Slack app manifests shipped in docs/platforms/slack: the keys Slack's manifest
 * schema knows, URLs where the gateway listens, and the same app in both variants.
 */
class SlackManifestTests {

	static final Path HTTP = Path.of("docs", "platforms", "slack", "manifest-http.yaml");

	static final Path SOCKET_MODE = Path.of("docs", "platforms", "slack", "manifest-socket-mode.yaml");

	/**
	 * The top-level keys of Slack's app manifest schema
	 * (api.slack.com/reference/manifests).
	 */
	static final Set<String> MANIFEST_KEYS = Set.of("_metadata", "display_information", "settings", "features",
			"oauth_config", "functions", "workflows", "datastores", "outgoing_domains", "types");

	@Test
	void httpManifestShouldPointSlackAtTheGatewaysEndpoints() throws IOException {
		Map<String, Object> manifest = load(HTTP);

		assertThat(MANIFEST_KEYS).containsAll(manifest.keySet());
		assertThat((Boolean) at(manifest, "settings.socket_mode_enabled")).isFalse();
		List<Map<String, Object>> commands = at(manifest, "features.slash_commands");
		assertThat(commands).singleElement().satisfies((command) -> {
			assertThat(command.get("command")).isEqualTo("/st2");
			assertThat(URI.create((String) command.get("url")).getPath()).isEqualTo("/chat/slack/commands");
			// Slack's limits: description 2000, usage hint 1000 characters
			assertThat((String) command.get("description")).hasSizeLessThanOrEqualTo(2000);
		});
		URI events = URI.create((String) at(manifest, "settings.event_subscriptions.request_url"));
		assertThat(events.getScheme()).isEqualTo("https");
		assertThat(events.getPath()).isEqualTo("/chat/slack/events");
		// each bot event with the scope it needs
		List<String> scopes = at(manifest, "oauth_config.scopes.bot");
		List<String> botEvents = at(manifest, "settings.event_subscriptions.bot_events");
		assertThat(botEvents).containsExactly("app_mention", "message.im", "message.channels", "message.groups");
		assertThat(scopes).contains("commands", "chat:write", "app_mentions:read", "im:history", "channels:history",
				"groups:history");
		assertThat((Boolean) at(manifest, "features.app_home.messages_tab_enabled")).isTrue();
		assertThat((String) at(manifest, "display_information.name")).hasSizeBetween(1, 35);
	}

	@Test
	void socketModeManifestShouldBeTheSameAppWithoutUrls() throws IOException {
		Map<String, Object> http = load(HTTP);
		Map<String, Object> socketMode = load(SOCKET_MODE);

		assertThat((Boolean) at(socketMode, "settings.socket_mode_enabled")).isTrue();
		assertThat((Map<String, Object>) at(socketMode, "settings.event_subscriptions"))
			.doesNotContainKey("request_url");
		List<Map<String, Object>> commands = at(socketMode, "features.slash_commands");
		assertThat(commands).allSatisfy((command) -> assertThat(command).doesNotContainKey("url"));
		assertThat((Object) at(socketMode, "oauth_config")).isEqualTo(at(http, "oauth_config"));
		assertThat((Object) at(socketMode, "settings.event_subscriptions.bot_events"))
			.isEqualTo(at(http, "settings.event_subscriptions.bot_events"));
		assertThat((Object) at(socketMode, "display_information")).isEqualTo(at(http, "display_information"));
		// the gateway speaks Socket Mode now: the manifest no longer warns against itself
		assertThat(Files.readString(SOCKET_MODE)).doesNotContain("NOT YET USABLE");
	}

	private static Map<String, Object> load(Path file) throws IOException {
		return new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
	}

}
