package io.github.st2chatops.gateway.api;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts API-key authentication in front of the REST API (the st2 notification endpoint has
 * its own token).
 */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration implements WebMvcConfigurer {

	private final ApiProperties properties;

	ApiConfiguration(ApiProperties properties) {
		this.properties = properties;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new ApiKeyAuthenticator(this.properties))
			.addPathPatterns("/api/v1/commands", "/api/v1/commands/**", "/api/v1/executions/**", "/api/v1/aliases",
					"/api/v1/aliases/**");
	}

}
