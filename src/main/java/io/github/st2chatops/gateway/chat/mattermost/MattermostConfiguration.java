package io.github.st2chatops.gateway.chat.mattermost;

import java.net.http.HttpClient;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import io.github.st2chatops.gateway.chat.ChatPlatform;
import io.github.st2chatops.gateway.chat.ConditionalOnChatPlatform;
import io.github.st2chatops.gateway.chat.ResponseUrlPolicy;

/**
 * Mattermost's beans, present only when {@code gateway.chat.mattermost.token} is set.
 * Without it there is no Mattermost endpoint (404) and no Mattermost sender.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnChatPlatform(MattermostProperties.ENABLED_BY)
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
		HttpClient httpClient = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.timeout())
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
		requestFactory.setReadTimeout(properties.timeout());
		return new MattermostClient(restClientBuilder.requestFactory(requestFactory).build(), properties.url(),
				properties.botToken(), jsonMapper);
	}

	@Bean
	MattermostSender mattermostSender(MattermostClient mattermostClient, MattermostProperties properties) {
		return new MattermostSender(mattermostClient, properties, new ResponseUrlPolicy(PLATFORM,
				MattermostProperties.RESPONSE_URL_HOSTS, properties.responseUrlHosts(), properties.url()));
	}

}
