package io.github.st2chatops.gateway.web;

import java.util.HashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Shared web wiring: the request body limits (one for every endpoint, larger ones that
 * features declare as {@link RequestBodyLimit} beans), applied before everything else.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	@Bean
	FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(WebProperties properties,
			ObjectProvider<RequestBodyLimit> limits, JsonMapper jsonMapper) {
		Map<String, Long> byPath = new HashMap<>();
		limits.orderedStream().forEach((limit) -> byPath.put(limit.path(), limit.maxSize().toBytes()));
		FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestBodyLimitFilter(properties.maxBodySize().toBytes(), byPath, properties.bodyReadTimeout(),
						jsonMapper));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

}
