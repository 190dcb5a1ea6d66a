package io.github.st2chatops.gateway.chat;

import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What a platform's configuration needs from the rest of the application, for tests that
 * start only that configuration with an {@code ApplicationContextRunner}: a JSON mapper
 * and a clock.
 */
@Configuration(proxyBeanMethods = false)
public class ChatPlatformTestBeans {

	@Bean
	JsonMapper jsonMapper() {
		return JsonMapper.builder().build();
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
