package io.github.st2chatops.gateway.chat.mattermost;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

import io.github.st2chatops.gateway.chat.ChatPlatform;
import io.github.st2chatops.gateway.chat.ChatRestClients;
import io.github.st2chatops.gateway.chat.ConditionalOnChatPlatform;
import io.github.st2chatops.gateway.chat.InboundFlow;
import io.github.st2chatops.gateway.chat.ResponseUrlPolicy;
import io.github.st2chatops.gateway.chat.SocketTransportHealth;

/**
 * Mattermost's beans, present only when {@code gateway.chat.mattermost.token} is set (the
 * HTTP endpoint) or {@code gateway.chat.mattermost.websocket.enabled} is true (the
 * WebSocket). Without either there is no Mattermost endpoint (404), no socket and no
 * Mattermost sender.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(MattermostConfiguration.OnMattermost.class)
class MattermostConfiguration {

	/** The platform id, as in {@code ChatAddress.platform()}. */
	static final String PLATFORM = "mattermost";

	@Bean
	ChatPlatform<MattermostRequest> mattermostPlatform(MattermostProperties properties, JsonMapper jsonMapper) {
		return new ChatPlatform<>(PLATFORM, new MattermostRequestVerifier(properties.token(), jsonMapper),
				new MattermostInboundParser(properties, jsonMapper), properties.replyDeadline());
	}

	@Bean
	MattermostClient mattermostClient(MattermostProperties properties, RestClient.Builder restClientBuilder,
			JsonMapper jsonMapper) {
		return new MattermostClient(ChatRestClients.http11(restClientBuilder, properties.timeout()), properties.url(),
				properties.botToken(), jsonMapper);
	}

	@Bean
	MattermostSender mattermostSender(MattermostClient mattermostClient, MattermostProperties properties) {
		return new MattermostSender(mattermostClient, properties, new ResponseUrlPolicy(PLATFORM,
				MattermostProperties.RESPONSE_URL_HOSTS, properties.responseUrlHosts(), properties.url()));
	}

	/**
	 * The WebSocket's beans, present when {@code websocket.enabled} is true.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(MattermostProperties.WEBSOCKET_ENABLED)
	static class WebSocketConfiguration {

		@Bean
		MattermostWebSocket mattermostWebSocket(MattermostClient mattermostClient, MattermostProperties properties,
				InboundFlow flow, JsonMapper jsonMapper, MeterRegistry meterRegistry, Clock clock) {
			return new MattermostWebSocket(mattermostClient, properties, flow, jsonMapper, meterRegistry, clock);
		}

		@Bean
		SocketTransportHealth mattermostWebSocketHealthIndicator(MattermostWebSocket mattermostWebSocket) {
			return new SocketTransportHealth(mattermostWebSocket);
		}

	}

	/**
	 * Matches when the token is set or the WebSocket is on.
	 */
	static class OnMattermost extends AnyNestedCondition {

		OnMattermost() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnChatPlatform(MattermostProperties.ENABLED_BY)
		static class TokenSet {

		}

		@ConditionalOnBooleanProperty(MattermostProperties.WEBSOCKET_ENABLED)
		static class WebSocketOn {

		}

	}

}
