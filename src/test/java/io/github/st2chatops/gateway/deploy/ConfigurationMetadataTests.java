package io.github.st2chatops.gateway.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spring configuration metadata the configuration processor writes (IDE completion,
 * the source of docs/configuration.md): present, every gateway property described, in
 * plain text. The processor is on the compiler's processor path, so that JDK 23 and newer
 * (the Dockerfile builds with 25) run it too.
 */
class ConfigurationMetadataTests {

	@Test
	@SuppressWarnings("unchecked")
	void metadataShouldDescribeEveryGatewayPropertyInPlainText() throws IOException {
		Map<String, Object> metadata;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("META-INF/spring-configuration-metadata.json").isNotNull();
			metadata = JsonMapper.builder().build().readValue(in, Map.class);
		}
		List<Map<String, Object>> properties = (List<Map<String, Object>>) metadata.get("properties");

		assertThat(properties).extracting((property) -> property.get("name"))
			.contains("gateway.st2.url", "gateway.st2.api-url", "gateway.relay.token", "gateway.chat.slack.bot-token");
		assertThat(properties).filteredOn((property) -> ((String) property.get("name")).startsWith("gateway."))
			.allSatisfy((property) -> assertThat((String) property.get("description")).as("%s", property.get("name"))
				.isNotBlank()
				.doesNotContain("{@")
				.doesNotContain("<code>"));
	}

}
