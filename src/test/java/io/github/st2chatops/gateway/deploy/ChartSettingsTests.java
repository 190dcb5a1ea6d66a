package io.github.st2chatops.gateway.deploy;

import io.github.st2chatops.gateway.command.AccessProperties;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.st2chatops.gateway.deploy.HelmChart.Rendered;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.support.SpringApplicationJsonEnvironmentPostProcessor;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static io.github.st2chatops.gateway.deploy.HelmChart.at;
import static io.github.st2chatops.gateway.deploy.HelmChart.values;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every setting the application has can be set from the chart's values, reaches the
 * application under the property it is meant for (through Spring Boot's relaxed binding
 * of environment variables, as in the pod), and credentials reach it only through a
 * Secret.
 */
class ChartSettingsTests {

	private final HelmChart chart = HelmChart.ofProject();

	@Test
	void everyDocumentedSettingShouldHaveAChartValue() throws IOException {
		List<String> documented = new ArrayList<>(configurationReference());
		assertThat(documented).contains("gateway.st2.url", "gateway.st2.retry.max-retries",
				"gateway.api.keys.<name>.token", "gateway.web.max-body-size", "gateway.state.store");
		documented.addAll(GatewaySettings.DESIGN_SETTINGS);
		documented.addAll(GatewaySettings.OPERATIONS_SETTINGS);

		assertThat(documented.stream().map(GatewaySettings::concrete))
			.as("settings of docs/configuration.md and of the platform list without a chart value")
			.allMatch(GatewaySettings.BY_PROPERTY::containsKey);
	}

	@Test
	@SuppressWarnings("unchecked")
	void everyPropertyOfTheApplicationShouldHaveAChartValue() throws IOException {
		// what spring-boot-configuration-processor found in the @ConfigurationProperties
		// records
		Path metadata = Path.of("target/classes/META-INF/spring-configuration-metadata.json");
		Map<String, Object> content = JsonMapper.builder().build().readValue(Files.readString(metadata), Map.class);
		List<String> properties = ((List<Map<String, Object>>) content.get("properties")).stream()
			.map((property) -> (String) property.get("name"))
			.filter((name) -> name.startsWith("gateway."))
			.toList();
		assertThat(properties).contains("gateway.st2.url", "gateway.state.store");

		// a map (gateway.api.keys, ...workflow-urls) is covered by a value for one of its
		// keys
		assertThat(properties).as("""
				properties without a chart value: add each to helm/st2-chatops-gateway/values.yaml
				(documented, in values.schema.json), to gateway.configEnv or gateway.secretEnv in
				templates/_helpers.tpl, and to GatewaySettings""")
			.allMatch((name) -> GatewaySettings.BY_PROPERTY.keySet()
				.stream()
				.anyMatch((covered) -> covered.equals(name) || covered.startsWith(name + ".")));
	}

	@Test
	void everyChartValueShouldReachItsPropertyWithItsValue() throws IOException {
		Map<String, Object> allSettings = allSettings();
		// exactly one st2 credential at a time: all settings use username + password
		Map<String, Object> apiKey = values("st2.username", "", "st2.password", "", "st2.apiKey", "s3cr3t-st2-api-key");
		Map<String, Object> authToken = values("st2.username", "", "st2.password", "", "st2.authToken",
				"s3cr3t-st2-auth-token");
		Map<String, Map<String, Object>> renders = new LinkedHashMap<>();
		renders.put("password", Map.of());
		renders.put("api key", apiKey);
		renders.put("auth token", authToken);
		Set<String> reached = new TreeSet<>();
		renders.forEach((name, overrides) -> {
			Rendered rendered = this.chart.render(overrides, HelmChartTests.allSettingsValues());
			StandardEnvironment environment = springEnvironment(rendered.processEnvironment());
			Map<String, Object> values = merge(allSettings, overrides);
			GatewaySettings.BY_PROPERTY.forEach((property, path) -> {
				Object expected = valueAt(values, path);
				if (expected == null || "".equals(expected)) {
					assertThat(environment.getProperty(property)).as(name + ": " + property).isNull();
					return;
				}
				if (property.equals(GatewaySettings.CA_BUNDLE)) {
					assertCaBundleMounted(rendered, environment.getProperty(property));
				}
				else if (property.startsWith(GatewaySettings.TEAMS_WORKFLOW_URLS)) {
					assertThat(Binder.get(environment)
						.bind(GatewaySettings.TEAMS_WORKFLOW_URLS, Bindable.mapOf(String.class, String.class))
						.get()).as(property).isEqualTo(expected);
				}
				else if (property.equals(GatewaySettings.ACCESS_RULES)) {
					assertThat(Binder.get(environment)
						.bind(GatewaySettings.ACCESS_RULES, Bindable.listOf(AccessProperties.Rule.class))
						.get()).as(property).isEqualTo(expectedRules((List<Map<String, Object>>) expected));
				}
				else if (expected instanceof List<?> list) {
					assertThat(Binder.get(environment).bind(property, Bindable.listOf(String.class)).get())
						.as(name + ": " + property + " from " + path)
						.isEqualTo(list);
				}
				else {
					assertThat(environment.getProperty(property)).as(name + ": " + property + " from " + path)
						.isEqualTo(String.valueOf(expected));
				}
				reached.add(property);
			});
		});
		assertThat(reached).containsExactlyInAnyOrderElementsOf(GatewaySettings.BY_PROPERTY.keySet());
	}

	@Test
	void credentialsShouldReachTheApplicationOnlyThroughTheSecret() {
		Rendered rendered = this.chart.render(Map.of(), HelmChartTests.allSettingsValues());
		StandardEnvironment fromConfigMap = springEnvironment(new TreeMap<>(rendered.configMapData()));
		StandardEnvironment fromSecret = springEnvironment(new TreeMap<>(rendered.secretData()));

		GatewaySettings.BY_PROPERTY.forEach((property, path) -> {
			if (path.equals("st2/apiKey") || path.equals("st2/authToken")) {
				return;
			}
			boolean credential = GatewaySettings.CREDENTIALS.contains(path);
			if (property.startsWith(GatewaySettings.TEAMS_WORKFLOW_URLS)) {
				assertThat(Binder.get(fromSecret)
					.bind(GatewaySettings.TEAMS_WORKFLOW_URLS, Bindable.mapOf(String.class, String.class))
					.get()).containsKey(GatewaySettings.TEAMS_CHANNEL);
				return;
			}
			if (property.equals(GatewaySettings.ACCESS_RULES)) {
				// indexed variables: the list binds, the plain property does not exist
				assertThat(Binder.get(fromConfigMap).bind(property, Bindable.listOf(AccessProperties.Rule.class)).get())
					.as(property + " from the ConfigMap")
					.isNotEmpty();
				assertThat(
						Binder.get(fromSecret).bind(property, Bindable.listOf(AccessProperties.Rule.class)).isBound())
					.as(property + " from the Secret")
					.isFalse();
				return;
			}
			assertThat(fromSecret.getProperty(property)).as(property + " from the Secret")
				.matches((value) -> credential == (value != null));
			assertThat(fromConfigMap.getProperty(property)).as(property + " from the ConfigMap")
				.matches((value) -> credential == (value == null));
		});
	}

	@Test
	void credentialTableOfTheDeployGuideShouldMatchTheChart() throws IOException {
		// | `st2.apiKey` | `GATEWAY_ST2_API_KEY` | `gateway.st2.api-key` |
		Matcher row = Pattern.compile("(?m)^\\| `([\\w.<>]+)` \\| `([A-Z0-9_<>]+)` \\| `([\\w.<> -]+)` \\|")
			.matcher(Files.readString(Path.of("docs/deploy.md")));
		Map<String, String> variables = new TreeMap<>();
		Set<String> paths = new TreeSet<>();
		while (row.find()) {
			String path = GatewaySettings.concrete(row.group(1)).replace('.', '/');
			String variable = row.group(2).replace("<NAME>", GatewaySettings.API_KEY_NAME.toUpperCase());
			String property = GatewaySettings.concrete(row.group(3));
			paths.add(path);
			if (property.startsWith(GatewaySettings.TEAMS_WORKFLOW_URLS)) {
				assertThat(variable).isEqualTo("SPRING_APPLICATION_JSON");
				continue;
			}
			assertThat(GatewaySettings.BY_PROPERTY).containsEntry(property, path);
			variables.put(variable, "from-an-existing-secret");
			// the name is one Spring Boot binds to the property
			assertThat(springEnvironment(Map.of(variable, "x")).getProperty(property)).as(variable).isEqualTo("x");
		}
		assertThat(paths).as("credentials in the table of docs/deploy.md").isEqualTo(GatewaySettings.CREDENTIALS);
		// and the one the chart itself writes into its Secret
		Rendered rendered = this.chart.render(values("st2.username", "", "st2.password", "", "st2.apiKey", "s3cr3t-k"),
				HelmChartTests.allSettingsValues());
		Set<String> written = new TreeSet<>(rendered.secretData().keySet());
		written.remove("SPRING_APPLICATION_JSON");
		assertThat(variables.keySet()).containsAll(written);
	}

	@Test
	void redisValuesShouldReachSpringBootsRedisConnection() {
		// the production example: stackstorm-ha's Sentinels
		Rendered sentinel = this.chart.render(Map.of(), HelmChartTests.PRODUCTION_VALUES);
		DataRedisProperties fromSentinel = redisProperties(sentinel);
		assertThat(fromSentinel.getSentinel().getMaster()).isEqualTo("mymaster");
		assertThat(fromSentinel.getSentinel().getNodes()).containsExactly("st2-redis-node-0.st2-redis-headless:26379",
				"st2-redis-node-1.st2-redis-headless:26379", "st2-redis-node-2.st2-redis-headless:26379");
		// stackstorm-ha's Redis and Sentinels ask for no password by default
		assertThat(fromSentinel.getPassword()).isNull();
		assertThat(fromSentinel.getSentinel().getPassword()).isNull();
		assertThat(fromSentinel.getUrl()).isNull();
		// with redis.usePassword in stackstorm-ha: the password from the subchart's
		// Secret
		Rendered withPassword = this.chart.render(values("state.redis.existingSecret", "st2-redis"),
				HelmChartTests.PRODUCTION_VALUES);
		assertThat(redisProperties(withPassword).getPassword()).isEqualTo("secretKeyRef st2-redis/redis-password");
		assertThat(redisProperties(withPassword).getSentinel().getPassword()).isNull();
		assertThat(fromSentinel.getSsl().isEnabled()).isFalse();

		Rendered url = this.chart.render(HelmChart.minimal("state.store", "redis", "state.redis.url",
				"rediss://redis.example.internal:6380", "state.redis.tls", true));
		DataRedisProperties fromUrl = redisProperties(url);
		assertThat(fromUrl.getUrl()).isEqualTo("rediss://redis.example.internal:6380");
		assertThat(fromUrl.getSsl().isEnabled()).isTrue();
		assertThat(fromUrl.getPassword()).isNull();
		assertThat(fromUrl.getSentinel()).isNull();
	}

	/**
	 * Spring Boot's Redis connection properties as the pod's environment sets them; a
	 * {@code secretKeyRef} stands for {@code secretKeyRef <secret>/<key>}.
	 */
	@SuppressWarnings("unchecked")
	private static DataRedisProperties redisProperties(Rendered rendered) {
		Map<String, Object> variables = new TreeMap<>(rendered.processEnvironment());
		List<Map<String, Object>> env = at(rendered.container(), "env");
		if (env != null) {
			env.stream().filter((entry) -> entry.containsKey("valueFrom")).forEach((entry) -> {
				Map<String, String> ref = at(entry, "valueFrom.secretKeyRef");
				variables.put((String) entry.get("name"), "secretKeyRef " + ref.get("name") + "/" + ref.get("key"));
			});
		}
		return Binder.get(springEnvironment(variables))
			.bind("spring.data.redis", DataRedisProperties.class)
			.orElseGet(DataRedisProperties::new);
	}

	private static void assertCaBundleMounted(Rendered rendered, String file) {
		assertThat(file).isEqualTo("/etc/st2-chatops-gateway/st2-ca/st2.crt");
		List<Map<String, Object>> mounts = at(rendered.container(), "volumeMounts");
		assertThat(mounts).anySatisfy((mount) -> {
			assertThat(mount.get("mountPath")).isEqualTo("/etc/st2-chatops-gateway/st2-ca");
			assertThat(mount.get("name")).isEqualTo("st2-ca");
		});
		List<Map<String, Object>> volumes = at(rendered.podSpec(), "volumes");
		assertThat(volumes).anySatisfy((volume) -> {
			assertThat(volume.get("name")).isEqualTo("st2-ca");
			assertThat((String) at(volume, "configMap.name")).isEqualTo("st2-ca");
			assertThat((List<Map<String, Object>>) at(volume, "configMap.items"))
				.containsExactly(Map.of("key", "st2.crt", "path", "st2.crt"));
		});
	}

	/**
	 * The environment the application would see with these environment variables: Spring
	 * Boot's relaxed binding and its {@code SPRING_APPLICATION_JSON}.
	 */
	static StandardEnvironment springEnvironment(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		MutablePropertySources sources = environment.getPropertySources();
		sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						variables));
		new SpringApplicationJsonEnvironmentPostProcessor().postProcessEnvironment(environment,
				new SpringApplication());
		ConfigurationPropertySources.attach(environment);
		return environment;
	}

	/**
	 * The properties docs/configuration.md lists, by section prefix and table row.
	 */
	static List<String> configurationReference() throws IOException {
		List<String> properties = new ArrayList<>();
		String prefix = null;
		Pattern section = Pattern.compile("^## .*\\(`(gateway\\.[a-z0-9.-]+)\\.\\*`\\)");
		Pattern name = Pattern.compile("`([a-z0-9.<> -]+)`");
		for (String line : Files.readAllLines(Path.of("docs/configuration.md"))) {
			if (line.startsWith("## ")) {
				Matcher matcher = section.matcher(line);
				prefix = matcher.find() ? matcher.group(1) : null;
				continue;
			}
			if (prefix == null || !line.startsWith("| `")) {
				continue;
			}
			String firstCell = line.substring(1, line.indexOf('|', 1));
			Matcher names = name.matcher(firstCell);
			while (names.find()) {
				properties.add(prefix + "." + names.group(1));
			}
		}
		return properties;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> allSettings() throws IOException {
		return new Yaml().load(Files.readString(HelmChartTests.allSettingsValues()));
	}

	@SuppressWarnings("unchecked")
	private static Object valueAt(Map<String, Object> values, String path) {
		Object node = values;
		for (String key : path.split("/")) {
			if (!(node instanceof Map<?, ?> map)) {
				return null;
			}
			node = map.get(key);
		}
		return node;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overrides) {
		Map<String, Object> merged = new LinkedHashMap<>(base);
		overrides.forEach((key, value) -> {
			if (value instanceof Map<?, ?> map && merged.get(key) instanceof Map<?, ?> existing) {
				merged.put(key, merge((Map<String, Object>) existing, (Map<String, Object>) map));
			}
			else {
				merged.put(key, value);
			}
		});
		return merged;
	}

	@SuppressWarnings("unchecked")
	private static List<AccessProperties.Rule> expectedRules(List<Map<String, Object>> rules) {
		return rules.stream()
			.map((rule) -> new AccessProperties.Rule((List<String>) rule.getOrDefault("users", List.of()),
					(List<String>) rule.getOrDefault("channels", List.of()),
					(List<String>) rule.getOrDefault("packs", List.of()),
					(List<String>) rule.getOrDefault("aliases", List.of()),
					AccessProperties.Effect.valueOf(((String) rule.get("effect")).toUpperCase(java.util.Locale.ROOT))))
			.toList();
	}

}
