package io.github.st2chatops.gateway.chat.mattermost;

import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;

import io.github.st2chatops.gateway.chat.PlatformPropertiesTestBase;
import io.github.st2chatops.gateway.chat.StartUpFailure;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

class MattermostPropertiesTests extends PlatformPropertiesTestBase {

	MattermostPropertiesTests() {
		super(Config.class);
	}

	@Test
	void bindWhenNothingIsSetShouldLeaveMattermostOff() {
		this.runner.withUserConfiguration(WhenOn.class).run((context) -> {
			assertThat(context).doesNotHaveBean(WhenOn.class);
			MattermostProperties properties = context.getBean(MattermostProperties.class);
			assertThat(properties.messageLimit()).isEqualTo(16383);
			assertThat(properties.userField()).isEqualTo(MattermostProperties.UserField.ID);
		});
	}

	@Test
	void bindWhenSeveralTokensAreGivenShouldKeepEach() {
		this.runner
			.withPropertyValues("gateway.chat.mattermost.token=a1, b2",
					"gateway.chat.mattermost.url=https://mm.example.com", "gateway.chat.mattermost.bot-token=bot")
			.run((context) -> assertThat(context.getBean(MattermostProperties.class).token()).containsExactly("a1",
					"b2"));
	}

	static Stream<Named<StartUpFailure>> startUpFailures() {
		return Stream.of(
				named("token without URL, token not shown",
						StartUpFailure
							.of("gateway.chat.mattermost.url must be set", "gateway.chat.mattermost.token=t0k3n",
									"gateway.chat.mattermost.bot-token=b")
							.hiding("t0k3n")),
				named("token without bot token", StartUpFailure.of("gateway.chat.mattermost.bot-token must be set",
						"gateway.chat.mattermost.token=t", "gateway.chat.mattermost.url=https://mm.example.com")),
				named("bot token without token or WebSocket", StartUpFailure
					.of("gateway.chat.mattermost.token (slash commands, outgoing webhooks) or "
							+ "gateway.chat.mattermost.websocket.enabled=true (the gateway connects out) must be set",
							"gateway.chat.mattermost.bot-token=b")),
				named("WebSocket without bot token",
						StartUpFailure.of(
								"gateway.chat.mattermost.bot-token must be set when "
										+ "gateway.chat.mattermost.websocket.enabled is set",
								"gateway.chat.mattermost.websocket.enabled=true",
								"gateway.chat.mattermost.url=http://mm.example.com")),
				named("WebSocket URL that is not a WebSocket URL", StartUpFailure.of(
						"gateway.chat.mattermost.websocket.url must be an absolute ws:// or wss:// URL",
						"gateway.chat.mattermost.websocket.enabled=true",
						"gateway.chat.mattermost.url=http://mm.example.com", "gateway.chat.mattermost.bot-token=b",
						"gateway.chat.mattermost.websocket.url=https://mm.example.com/api/v4/websocket")),
				named("URL that is not a URL",
						StartUpFailure.of("gateway.chat.mattermost.url must be an absolute",
								"gateway.chat.mattermost.token=t", "gateway.chat.mattermost.url=mm.example.com",
								"gateway.chat.mattermost.bot-token=b")));
	}

	@Test
	void bindWhenOnlyTheWebSocketIsOnShouldNeedNoTokenAndDeriveItsUrl() {
		this.runner.withUserConfiguration(WhenOn.class)
			.withPropertyValues("gateway.chat.mattermost.websocket.enabled=true",
					"gateway.chat.mattermost.url=https://mm.example.com/chat", "gateway.chat.mattermost.bot-token=b")
			.run((context) -> {
				assertThat(context).hasSingleBean(WhenOn.class);
				MattermostProperties properties = context.getBean(MattermostProperties.class);
				assertThat(properties.token()).isEmpty();
				assertThat(properties.websocketUrl()).hasToString("wss://mm.example.com/chat/api/v4/websocket");
			});
	}

	@Test
	void toStringShouldNotShowSecrets() {
		this.runner
			.withPropertyValues("gateway.chat.mattermost.token=t0k3n",
					"gateway.chat.mattermost.url=https://mm.example.com", "gateway.chat.mattermost.bot-token=b0t")
			.run((context) -> assertThat(context.getBean(MattermostProperties.class).toString()).doesNotContain("t0k3n")
				.doesNotContain("b0t"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(MattermostProperties.class)
	static class Config {

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(MattermostConfiguration.OnMattermost.class)
	static class WhenOn {

	}

}
