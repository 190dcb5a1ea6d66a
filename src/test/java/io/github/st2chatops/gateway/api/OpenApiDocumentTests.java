package io.github.st2chatops.gateway.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the served OpenAPI document in step with the controllers: every {@code /api/v1}
 * operation the gateway answers (st2's notification endpoint included), the generic
 * webhook and Discord's Interactions endpoint are described, and nothing else is; the
 * generic webhook's callback is a webhook of the document. .ci/run lints the document
 * with Redocly's CLI.
 */
@SpringBootTest(properties = { "gateway.st2.url=http://127.0.0.1:9", "gateway.st2.api-key=test-api-key",
		// the generic webhook is only mapped when it is configured
		"gateway.chat.generic.secret=generic-secret-for-tests-0123456789",
		"gateway.chat.generic.callback-url=http://127.0.0.1:9/callback",
		"gateway.chat.discord.public-key=d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
		"gateway.chat.discord.application-id=1100000000000000000", "gateway.chat.discord.bot-token=test-bot-token" })
class OpenApiDocumentTests {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	@SuppressWarnings("unchecked")
	void documentShouldDescribeExactlyTheRestApiOperations() throws IOException {
		Map<String, Object> document;
		try (InputStream in = getClass().getResourceAsStream("/static/openapi.yaml")) {
			document = new Yaml().load(in);
		}
		Set<String> documented = new TreeSet<>();
		((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, operations) -> operations.keySet()
			.forEach((method) -> documented.add(method.toUpperCase() + " " + path)));

		Set<String> served = new TreeSet<>();
		for (RequestMappingInfo info : this.mappings.getHandlerMethods().keySet()) {
			for (String path : info.getPatternValues()) {
				if (path.startsWith("/api/v1/") || path.equals("/chat/generic") || path.equals("/chat/discord")) {
					info.getMethodsCondition().getMethods().forEach((method) -> served.add(method.name() + " " + path));
				}
			}
		}
		assertThat(documented).isEqualTo(served);
		// what the gateway sends to the generic webhook's callback URL
		Map<String, Map<String, Object>> webhooks = (Map<String, Map<String, Object>>) document.get("webhooks");
		assertThat(webhooks).containsOnlyKeys("genericCallback");
		assertThat(webhooks.get("genericCallback")).containsOnlyKeys("post");
	}

}
