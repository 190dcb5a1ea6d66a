package io.github.st2chatops.gateway.chat;

import java.net.http.HttpClient;
import java.time.Duration;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The HTTP client a platform's API client is built on: the JDK client over HTTP/1.1 (no
 * h2c upgrade for proxies to trip on), not following redirects (they would carry the bot
 * token elsewhere), with the platform's timeout for connecting and for each answer.
 */
public final class ChatRestClients {

	private ChatRestClients() {
	}

	/**
	 * A REST client for a platform's API.
	 * @param builder Spring Boot's builder (its message converters and observations)
	 * @param timeout the connect and read timeout
	 * @return the client
	 */
	public static RestClient http11(RestClient.Builder builder, Duration timeout) {
		HttpClient httpClient = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(timeout)
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
		requestFactory.setReadTimeout(timeout);
		return builder.requestFactory(requestFactory).build();
	}

}
