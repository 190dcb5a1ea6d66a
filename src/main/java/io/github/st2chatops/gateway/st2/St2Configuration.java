package io.github.st2chatops.gateway.st2;

import java.net.http.HttpClient;
import java.time.Clock;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * Wires the st2 clients: HTTP service groups {@code st2-api} and {@code st2-auth} on
 * {@code gateway.st2.*} URLs, timeouts and TLS; the token issuer shared by the gateway's
 * token provider and per-user impersonation, with its metrics; the resilient
 * {@link St2Client}, which is the {@link St2Operations} the rest of the gateway uses; the
 * {@code st2} health contributor.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(St2ImpersonationProperties.class)
@ImportHttpServices(group = St2Configuration.API_GROUP, types = St2Api.class)
@ImportHttpServices(group = St2Configuration.AUTH_GROUP, types = St2AuthApi.class)
class St2Configuration {

	static final String API_GROUP = "st2-api";

	static final String AUTH_GROUP = "st2-auth";

	private static final Logger logger = LoggerFactory.getLogger(St2Configuration.class);

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	RestClientHttpServiceGroupConfigurer st2HttpServiceGroupConfigurer(St2Properties properties,
			ObjectProvider<St2TokenProvider> tokens) {
		ClientHttpRequestFactory requestFactory = requestFactory(properties);
		St2AuthenticationInterceptor authentication = new St2AuthenticationInterceptor(tokens);
		// runs after Spring Boot's own configurers (order LOWEST_PRECEDENCE)
		return (groups) -> {
			groups.filterByName(API_GROUP)
				.forEachClient((group, builder) -> builder.baseUrl(properties.apiUrl().toString())
					.requestFactory(requestFactory)
					.defaultStatusHandler(St2Redirects::isRedirect, St2Redirects::refuse)
					.requestInterceptor(authentication));
			groups.filterByName(AUTH_GROUP)
				.forEachClient((group, builder) -> builder.baseUrl(properties.authUrl().toString())
					.requestFactory(requestFactory)
					.defaultStatusHandler(St2Redirects::isRedirect, St2Redirects::refuse));
		};
	}

	@Bean
	St2TokenIssuer st2TokenIssuer(St2Properties properties, St2AuthApi authApi, Clock clock,
			ObjectProvider<MeterRegistry> meterRegistry) {
		return new St2TokenIssuer(properties, authApi, clock, meterRegistry.getIfAvailable(SimpleMeterRegistry::new));
	}

	@Bean
	St2TokenProvider st2TokenProvider(St2Properties properties, St2TokenIssuer issuer, Clock clock,
			ObjectProvider<MeterRegistry> meterRegistry) {
		St2TokenProvider tokens = new St2TokenProvider(properties, issuer, clock);
		meterRegistry.ifAvailable((registry) -> Gauge
			.builder("gateway.st2.token.remaining", tokens,
					(provider) -> provider.tokenExpiry()
						.map((expiry) -> (expiry.toEpochMilli() - clock.millis()) / 1000.0)
						.orElse(Double.NaN))
			.description("Seconds until the gateway's current st2 token expires (NaN without a token)")
			.baseUnit("seconds")
			.register(registry));
		return tokens;
	}

	@Bean
	St2Impersonation st2Impersonation(St2ImpersonationProperties settings, St2Properties properties,
			St2TokenIssuer issuer, St2TokenProvider tokens, Clock clock) {
		if (settings.enabled() && properties.authMode() != St2AuthMode.PASSWORD) {
			throw new IllegalStateException("gateway.st2.impersonation.enabled needs gateway.st2.username and "
					+ "gateway.st2.password of an st2 service account: st2 issues impersonated tokens only on a "
					+ "username/password login, not for an API key or a token");
		}
		return new St2Impersonation(settings, issuer, tokens, clock);
	}

	@Bean
	St2Client st2Client(St2Api api, St2Properties properties, St2TokenProvider tokens, St2Impersonation impersonation,
			ObjectProvider<CircuitBreakerRegistry> circuitBreakers) {
		CircuitBreakerRegistry registry = circuitBreakers.getIfAvailable(CircuitBreakerRegistry::ofDefaults);
		return new St2Client(api, properties, tokens, impersonation, registry.circuitBreaker("st2"));
	}

	@Bean
	St2HealthIndicator st2HealthIndicator(St2Client client, St2TokenProvider tokens, Clock clock) {
		return new St2HealthIndicator(client, tokens, clock);
	}

	static ClientHttpRequestFactory requestFactory(St2Properties properties) {
		if (!properties.verifyTls()) {
			logger.warn("gateway.st2.verify-tls=false: st2's TLS certificate is not checked; "
					+ "use gateway.st2.ca-bundle instead outside of a trial");
		}
		// redirects are refused, not followed: a followed redirect would carry st2's
		// credential header to wherever it points
		HttpClientSettings settings = HttpClientSettings.defaults()
			.withTimeouts(properties.connectTimeout(), properties.readTimeout())
			.withRedirects(HttpRedirects.DONT_FOLLOW)
			.withSslBundle(St2TrustManagers.sslBundle(properties));
		// HTTP/1.1: st2's nginx speaks HTTP/2 only over TLS, and h2c upgrades confuse
		// some proxies
		return ClientHttpRequestFactoryBuilder.jdk()
			.withHttpClientCustomizer((builder) -> builder.version(HttpClient.Version.HTTP_1_1))
			.build(settings);
	}

}
