package io.github.st2chatops.gateway.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import org.yaml.snakeyaml.Yaml;

/**
 * The chart, rendered with {@code helm template} through helm-java (Helm's own library,
 * no helm binary), and its manifests parsed for assertions.
 */
final class HelmChart {

	static final Path DIRECTORY = Path.of("helm", "st2-chatops-gateway");

	static final String RELEASE = "chatops";

	static final String NAMESPACE = "stackstorm";

	static final String FULLNAME = "chatops-st2-chatops-gateway";

	private final Path directory;

	HelmChart(Path directory) {
		this.directory = directory;
	}

	static HelmChart ofProject() {
		return new HelmChart(DIRECTORY);
	}

	Path directory() {
		return this.directory;
	}

	/**
	 * Renders the chart with values files and then values (later wins, as with
	 * {@code helm template -f a.yaml -f b.yaml}).
	 * @param values values given as a map, may be empty
	 * @param valuesFiles values files
	 * @return the rendered manifests
	 */
	Rendered render(Map<String, Object> values, Path... valuesFiles) {
		Path overrides = writeValues(values);
		try {
			TemplateCommand template = new Helm(this.directory).template()
				.withName(RELEASE)
				.withNamespace(NAMESPACE)
				.withKubeVersion("1.33.0");
			for (Path file : valuesFiles) {
				template = template.withValuesFile(file.toAbsolutePath());
			}
			return new Rendered(template.withValuesFile(overrides).call());
		}
		finally {
			delete(overrides);
		}
	}

	/**
	 * Renders the chart expecting Helm to refuse the values.
	 * @param values the values
	 * @return Helm's error message
	 */
	String renderError(Map<String, Object> values) {
		try {
			Rendered rendered = render(values);
			throw new AssertionError("expected the chart to refuse " + values + " but it rendered " + rendered.kinds());
		}
		catch (IllegalStateException ex) {
			return ex.getMessage();
		}
	}

	/**
	 * Nested values from dotted paths and values, e.g.
	 * {@code values("st2.url", "http://st2", "replicaCount", 2)}.
	 * @param pathsAndValues pairs of dotted path and value
	 * @return nested maps
	 */
	static Map<String, Object> values(Object... pathsAndValues) {
		Map<String, Object> root = new LinkedHashMap<>();
		for (int i = 0; i < pathsAndValues.length; i += 2) {
			String[] path = ((String) pathsAndValues[i]).split("\\.");
			Map<String, Object> node = root;
			for (int j = 0; j < path.length - 1; j++) {
				node = child(node, path[j]);
			}
			node.put(path[path.length - 1], pathsAndValues[i + 1]);
		}
		return root;
	}

	/**
	 * The least values the chart renders with: st2's URL and an API key.
	 * @param more more paths and values
	 * @return the values
	 */
	static Map<String, Object> minimal(Object... more) {
		List<Object> all = new ArrayList<>(List.of("st2.url", "http://st2-st2web", "st2.apiKey", "s3cr3t-st2-api-key"));
		all.addAll(Arrays.asList(more));
		return values(all.toArray());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> child(Map<String, Object> node, String key) {
		return (Map<String, Object>) node.computeIfAbsent(key, (k) -> new LinkedHashMap<String, Object>());
	}

	private static Path writeValues(Map<String, Object> values) {
		try {
			Path file = Files.createTempFile("values-", ".yaml");
			Files.writeString(file, new Yaml().dump(values), StandardCharsets.UTF_8);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void delete(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * What {@code helm template} printed, and its manifests.
	 *
	 * @param text the whole output
	 * @param manifests each YAML document that is not empty
	 */
	record Rendered(String text, List<Map<String, Object>> manifests) {

		@SuppressWarnings("unchecked")
		Rendered(String text) {
			this(text, parse(text));
		}

		@SuppressWarnings("unchecked")
		private static List<Map<String, Object>> parse(String text) {
			List<Map<String, Object>> manifests = new ArrayList<>();
			for (Object document : new Yaml().loadAll(text)) {
				if (document != null) {
					manifests.add((Map<String, Object>) document);
				}
			}
			return manifests;
		}

		List<String> kinds() {
			return this.manifests.stream().map((manifest) -> (String) manifest.get("kind")).sorted().toList();
		}

		Optional<Map<String, Object>> find(String kind) {
			List<Map<String, Object>> found = this.manifests.stream()
				.filter((manifest) -> kind.equals(manifest.get("kind")))
				.toList();
			if (found.size() > 1) {
				throw new AssertionError("more than one " + kind);
			}
			return found.stream().findFirst();
		}

		Map<String, Object> get(String kind) {
			return find(kind).orElseThrow(() -> new AssertionError("no " + kind + " in " + kinds()));
		}

		/**
		 * The gateway container of the Deployment.
		 */
		Map<String, Object> container() {
			List<Map<String, Object>> containers = at(get("Deployment"), "spec.template.spec.containers");
			return containers.stream()
				.filter((container) -> "gateway".equals(container.get("name")))
				.findFirst()
				.orElseThrow();
		}

		Map<String, Object> podSpec() {
			return at(get("Deployment"), "spec.template.spec");
		}

		Map<String, String> configMapData() {
			return at(get("ConfigMap"), "data");
		}

		/**
		 * The Secret's data, decoded; empty when there is no Secret.
		 */
		Map<String, String> secretData() {
			Map<String, String> decoded = new TreeMap<>();
			find("Secret").ifPresent((secret) -> {
				Map<String, String> data = at(secret, "data");
				data.forEach((key, value) -> decoded.put(key,
						new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
			});
			return decoded;
		}

		/**
		 * The environment the gateway's process gets from the ConfigMap, the chart's
		 * Secret and literal {@code env} entries ({@code secretKeyRef}s are left out).
		 */
		Map<String, Object> processEnvironment() {
			Map<String, Object> env = new TreeMap<>(configMapData());
			env.putAll(secretData());
			List<Map<String, Object>> entries = at(container(), "env");
			if (entries != null) {
				entries.stream()
					.filter((entry) -> entry.containsKey("value"))
					.forEach((entry) -> env.put((String) entry.get("name"), Objects.toString(entry.get("value"))));
			}
			return env;
		}

	}

	/**
	 * A value in parsed YAML by dotted path ({@code spec.template.spec}).
	 * @param <T> the type expected
	 * @param node where to start
	 * @param path dotted path of map keys
	 * @return the value, or {@code null} when a key is missing
	 */
	@SuppressWarnings("unchecked")
	static <T> T at(Object node, String path) {
		Object current = node;
		for (String key : path.split("\\.")) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = map.get(key);
		}
		return (T) current;
	}

}
