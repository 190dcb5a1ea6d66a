package io.github.st2chatops.gateway.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.github.st2chatops.gateway.deploy.HelmChart.Rendered;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

import static io.github.st2chatops.gateway.deploy.HelmChart.FULLNAME;
import static io.github.st2chatops.gateway.deploy.HelmChart.at;
import static io.github.st2chatops.gateway.deploy.HelmChart.minimal;
import static io.github.st2chatops.gateway.deploy.HelmChart.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The Helm chart, linted and rendered by Helm's own library (helm-java): what Kubernetes
 * would get with the default values, a production-like values file and values that must
 * be refused.
 */
class HelmChartTests {

	static final Path PRODUCTION_VALUES = HelmChart.DIRECTORY.resolve("examples/production-values.yaml");

	static final String REPLICAS_REFUSED = "replicaCount > 1 and autoscaling.enabled need the shared Redis state store: set state.store=redis with state.redis.url or state.redis.sentinel (docs/deploy.md), or keep replicaCount at 1 and autoscaling.enabled false";

	static final String REDIS_URL = "redis://redis.example.internal:6379";

	private final HelmChart chart = HelmChart.ofProject();

	@Test
	void lintStrictShouldPass() {
		LintResult result = new Helm(HelmChart.DIRECTORY).lint().strict().call();

		assertThat(result.isFailed()).as("%s", result.getMessages()).isFalse();
		assertThat(result.getMessages()).allMatch((message) -> message.startsWith("[INFO]"));
	}

	@Test
	void renderWithDefaultValuesShouldAskForTheSt2Url() {
		assertThat(this.chart.renderError(Map.of())).contains("st2.url is required")
			.contains("http://<stackstorm-ha release>-st2web");
	}

	@Test
	void renderWithMinimalValuesShouldGiveOneReplicaAndNoOptionalParts() {
		Rendered rendered = this.chart.render(minimal());

		assertThat(rendered.kinds()).containsExactly("ConfigMap", "Deployment", "NetworkPolicy", "Secret", "Service",
				"ServiceAccount");
		Map<String, Object> deployment = rendered.get("Deployment");
		assertThat((Integer) at(deployment, "spec.replicas")).isEqualTo(1);
		assertThat((String) at(deployment, "spec.strategy.type")).isEqualTo("RollingUpdate");
		assertThat((Integer) at(deployment, "spec.strategy.rollingUpdate.maxUnavailable")).isZero();
		assertThat((String) rendered.container().get("image"))
			.isEqualTo("ghcr.io/st2-chatops/st2-chatops-gateway:0.1.0");
		List<Map<String, Object>> spread = at(rendered.podSpec(), "topologySpreadConstraints");
		assertThat(spread).extracting((constraint) -> constraint.get("topologyKey"))
			.containsExactly("topology.kubernetes.io/zone", "kubernetes.io/hostname");
		assertThat(spread)
			.allSatisfy((constraint) -> assertThat((Map<String, String>) at(constraint, "labelSelector.matchLabels"))
				.containsEntry("app.kubernetes.io/instance", HelmChart.RELEASE));
	}

	@Test
	void probesShouldUseTheManagementPort() {
		Rendered rendered = this.chart.render(minimal());
		Map<String, Object> container = rendered.container();

		assertThat((String) at(container, "livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
		assertThat((String) at(container, "startupProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
		assertThat((String) at(container, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
		for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
			assertThat((String) at(container, probe + ".httpGet.port")).as(probe).isEqualTo("management");
		}
		List<Map<String, Object>> ports = at(container, "ports");
		assertThat(ports).extracting((port) -> port.get("name"), (port) -> port.get("containerPort"))
			.containsExactly(org.assertj.core.groups.Tuple.tuple("http", 8080),
					org.assertj.core.groups.Tuple.tuple("management", 8081));
		// the application listens where the probes knock
		assertThat(rendered.configMapData()).contains(entry("SERVER_PORT", "8080"),
				entry("MANAGEMENT_SERVER_PORT", "8081"));
		List<Map<String, Object>> servicePorts = at(rendered.get("Service"), "spec.ports");
		assertThat(servicePorts).extracting((port) -> port.get("name"), (port) -> port.get("targetPort"))
			.containsExactly(org.assertj.core.groups.Tuple.tuple("http", "http"),
					org.assertj.core.groups.Tuple.tuple("management", "management"));
		assertThat((Integer) at(container, "lifecycle.preStop.sleep.seconds")).isEqualTo(5);
		assertThat((Integer) at(rendered.podSpec(), "terminationGracePeriodSeconds")).isEqualTo(90);
	}

	@Test
	void podShouldBeLockedDown() {
		Rendered rendered = this.chart.render(minimal());
		Map<String, Object> pod = rendered.podSpec();
		Map<String, Object> container = rendered.container();

		assertThat((Boolean) pod.get("automountServiceAccountToken")).isFalse();
		assertThat((Boolean) rendered.get("ServiceAccount").get("automountServiceAccountToken")).isFalse();
		assertThat((Boolean) at(pod, "securityContext.runAsNonRoot")).isTrue();
		assertThat((Integer) at(pod, "securityContext.runAsUser")).isEqualTo(10001);
		assertThat((String) at(pod, "securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");
		assertThat((Boolean) at(container, "securityContext.allowPrivilegeEscalation")).isFalse();
		assertThat((Boolean) at(container, "securityContext.readOnlyRootFilesystem")).isTrue();
		assertThat((Boolean) at(container, "securityContext.runAsNonRoot")).isTrue();
		assertThat((Boolean) at(container, "securityContext.privileged")).isFalse();
		assertThat((List<String>) at(container, "securityContext.capabilities.drop")).containsExactly("ALL");
		// the only writable place: an emptyDir at /tmp
		List<Map<String, Object>> mounts = at(container, "volumeMounts");
		assertThat(mounts).extracting((mount) -> mount.get("mountPath")).containsExactly("/tmp");
		List<Map<String, Object>> volumes = at(pod, "volumes");
		assertThat(volumes).singleElement()
			.satisfies((volume) -> assertThat((String) at(volume, "emptyDir.sizeLimit")).isEqualTo("256Mi"));
		assertThat((String) at(container, "resources.limits.memory")).isEqualTo("512Mi");
		assertThat((String) at(container, "resources.requests.cpu")).isEqualTo("100m");
		assertThat(rendered.configMapData()).containsEntry("JAVA_TOOL_OPTIONS",
				"-XX:MaxRAMPercentage=60 -XX:+UseSerialGC -XX:+UseCompactObjectHeaders -XX:+ExitOnOutOfMemoryError");
	}

	@Test
	void credentialsShouldBeReferencedNeverInlined() throws IOException {
		Rendered rendered = this.chart.render(Map.of(), allSettingsValues());

		// base64 in the Secret, and in no other manifest, not even the checksums' input
		assertThat(rendered.text()).doesNotContain("s3cr3t-");
		assertThat(rendered.configMapData().values()).noneMatch((value) -> value.contains("s3cr3t-"));
		assertThat(rendered.secretData().values()).allMatch((value) -> value.contains("s3cr3t-"));
		assertThat(rendered.secretData()).hasSize(16);
		Map<String, Object> container = rendered.container();
		assertThat((List<Map<String, Object>>) at(container, "envFrom")).containsExactly(
				Map.of("configMapRef", Map.of("name", FULLNAME)), Map.of("secretRef", Map.of("name", FULLNAME)));
		assertThat((Object) at(container, "env")).isNull();
		// the configuration is visible, the credentials are not
		assertThat(rendered.configMapData()).containsEntry("GATEWAY_ST2_USERNAME", "chatops_bot")
			.doesNotContainKeys("GATEWAY_ST2_PASSWORD", "GATEWAY_RELAY_TOKEN", "GATEWAY_CHAT_SLACK_SIGNING_SECRET",
					"SPRING_APPLICATION_JSON");
	}

	@Test
	void existingSecretShouldReplaceTheChartsSecret() {
		Rendered rendered = this.chart.render(
				values("st2.url", "http://st2-st2web", "existingSecret", "my-credentials", "api.keys.ops.user", "ops"));

		assertThat(rendered.find("Secret")).isEmpty();
		assertThat((List<Map<String, Object>>) at(rendered.container(), "envFrom"))
			.contains(Map.of("secretRef", Map.of("name", "my-credentials")));
		assertThat(rendered.configMapData()).containsEntry("GATEWAY_API_KEYS_OPS_USER", "ops");
	}

	@Test
	void existingSecretWithCredentialValuesShouldBeRefused() {
		assertThat(this.chart.renderError(values("st2.url", "http://st2-st2web", "existingSecret", "my-credentials",
				"chat.slack.botToken", "s3cr3t-xoxb")))
			.contains(
					"existingSecret is set, so the chart creates no Secret and would ignore GATEWAY_CHAT_SLACK_BOT_TOKEN")
			.doesNotContain("s3cr3t-");
	}

	@Test
	void secretKeyRefsShouldBecomeSecretKeyRefEnvironmentVariables() {
		Rendered rendered = this.chart.render(values("st2.url", "http://st2-st2web", "secretKeyRefs",
				Map.of("GATEWAY_ST2_USERNAME", Map.of("name", "st2-st2-auth", "key", "ST2_AUTH_USERNAME"),
						"GATEWAY_ST2_PASSWORD", Map.of("name", "st2-st2-auth", "key", "ST2_AUTH_PASSWORD"))));

		assertThat(rendered.find("Secret")).isEmpty();
		assertThat((List<Map<String, Object>>) at(rendered.container(), "env")).containsExactly(
				Map.of("name", "GATEWAY_ST2_PASSWORD", "valueFrom",
						Map.of("secretKeyRef", Map.of("name", "st2-st2-auth", "key", "ST2_AUTH_PASSWORD"))),
				Map.of("name", "GATEWAY_ST2_USERNAME", "valueFrom",
						Map.of("secretKeyRef", Map.of("name", "st2-st2-auth", "key", "ST2_AUTH_USERNAME"))));
		assertThat((List<Map<String, Object>>) at(rendered.container(), "envFrom"))
			.containsExactly(Map.of("configMapRef", Map.of("name", FULLNAME)));
	}

	@ParameterizedTest
	@MethodSource("wrongCredentials")
	void wrongSt2CredentialsShouldBeRefused(Map<String, Object> values, String message) {
		assertThat(this.chart.renderError(values)).contains(message).doesNotContain("s3cr3t-");
	}

	static Stream<Arguments> wrongCredentials() {
		String exactlyOne = "set exactly one st2 credential: st2.apiKey, st2.authToken, or st2.username + st2.password";
		return Stream.of(
				Arguments.of(values("st2.url", "http://st2"),
						exactlyOne + " (or existingSecret / secretKeyRefs), found 0"),
				Arguments.of(values("st2.url", "http://st2", "st2.apiKey", "s3cr3t-a", "st2.authToken", "s3cr3t-b"),
						"found 2"),
				Arguments.of(values("st2.url", "http://st2", "st2.password", "s3cr3t-p"),
						"st2.password is set but st2.username is not"));
	}

	@Test
	void moreThanOneReplicaShouldBeRefusedWithTheMemoryStore() {
		assertThat(this.chart.renderError(minimal("replicaCount", 2))).contains(REPLICAS_REFUSED);
		assertThat(this.chart.renderError(minimal("replicaCount", 2, "state.store", "memory")))
			.contains(REPLICAS_REFUSED);
		assertThat(this.chart.renderError(minimal("autoscaling.enabled", true))).contains(REPLICAS_REFUSED);
	}

	@ParameterizedTest
	@MethodSource("incompleteRedis")
	void redisStoreWithoutAWayToReachRedisShouldBeRefused(Map<String, Object> values, String message) {
		assertThat(this.chart.renderError(values)).contains(message);
	}

	static Stream<Arguments> incompleteRedis() {
		return Stream.of(Arguments.of(minimal("state.store", "redis"),
				"state.store=redis needs the Redis to connect to: state.redis.url (a standalone Redis) or state.redis.sentinel.master and state.redis.sentinel.nodes"),
				Arguments.of(minimal("state.store", "redis", "replicaCount", 3),
						"state.store=redis needs the Redis to connect to"),
				Arguments.of(
						minimal("state.store", "redis", "state.redis.url", REDIS_URL, "state.redis.sentinel.master",
								"mymaster", "state.redis.sentinel.nodes", List.of("redis-0:26379")),
						"set state.redis.url or state.redis.sentinel.master, not both"),
				Arguments.of(minimal("state.store", "redis", "state.redis.sentinel.master", "mymaster"),
						"state.redis.sentinel.master is set but state.redis.sentinel.nodes is empty"),
				Arguments.of(
						minimal("state.store", "redis", "state.redis.url", REDIS_URL,
								"state.redis.sentinel.usePassword", true),
						"state.redis.sentinel.usePassword needs state.redis.existingSecret"));
	}

	@Test
	void memoryStoreShouldSetNoRedisConnection() {
		Rendered rendered = this.chart.render(minimal("state.redis.url", REDIS_URL, "state.redis.existingSecret",
				"redis-credentials", "networkPolicy.egress.redis.ports", List.of(6380)));

		assertThat(rendered.configMapData()).containsEntry("GATEWAY_STATE_STORE", "memory")
			.satisfies((data) -> assertThat(data.keySet()).noneMatch((key) -> key.startsWith("SPRING_DATA_REDIS")));
		assertThat((Object) at(rendered.container(), "env")).isNull();
		List<Map<String, Object>> egress = at(rendered.get("NetworkPolicy"), "spec.egress");
		assertThat(egress).extracting((rule) -> ports(rule)).doesNotContain(List.of("6380/TCP"));
	}

	@Test
	void redisStoreWithAUrlShouldRender() {
		Rendered rendered = this.chart.render(minimal("state.store", "redis", "state.redis.url", REDIS_URL,
				"state.redis.tls", true, "networkPolicy.egress.redis.ports", List.of(6380)));

		assertThat(rendered.configMapData())
			.contains(entry("GATEWAY_STATE_STORE", "redis"), entry("SPRING_DATA_REDIS_URL", REDIS_URL),
					entry("SPRING_DATA_REDIS_SSL_ENABLED", "true"))
			.doesNotContainKeys("SPRING_DATA_REDIS_SENTINEL_MASTER", "SPRING_DATA_REDIS_SENTINEL_NODES",
					"SPRING_DATA_REDIS_PASSWORD");
		assertThat((Object) at(rendered.container(), "env")).as("no password, no secretKeyRef").isNull();
		assertThat((Integer) at(rendered.get("Deployment"), "spec.replicas")).isEqualTo(1);
		List<Map<String, Object>> egress = at(rendered.get("NetworkPolicy"), "spec.egress");
		assertThat(egress.get(egress.size() - 1)).satisfies((rule) -> {
			assertThat(ports(rule)).containsExactly("6380/TCP");
			assertThat((Object) rule.get("to")).as("any destination").isNull();
		});
	}

	@Test
	void redisPasswordShouldBeReferencedNeverInlined() {
		Rendered rendered = this.chart.render(minimal("replicaCount", 3, "state.store", "redis",
				"state.redis.sentinel.master", "mymaster", "state.redis.sentinel.nodes",
				List.of("st2-redis-node-0.st2-redis-headless:26379", "st2-redis-node-1.st2-redis-headless:26379"),
				"state.redis.sentinel.usePassword", true, "state.redis.existingSecret", "st2-redis"));

		assertThat(rendered.configMapData())
			.contains(entry("GATEWAY_STATE_STORE", "redis"), entry("SPRING_DATA_REDIS_SENTINEL_MASTER", "mymaster"),
					entry("SPRING_DATA_REDIS_SENTINEL_NODES",
							"st2-redis-node-0.st2-redis-headless:26379,st2-redis-node-1.st2-redis-headless:26379"),
					entry("SPRING_DATA_REDIS_SSL_ENABLED", "false"))
			.doesNotContainKeys("SPRING_DATA_REDIS_URL", "SPRING_DATA_REDIS_PASSWORD",
					"SPRING_DATA_REDIS_SENTINEL_PASSWORD");
		assertThat(rendered.secretData()).doesNotContainKeys("SPRING_DATA_REDIS_PASSWORD",
				"SPRING_DATA_REDIS_SENTINEL_PASSWORD");
		Map<String, Object> reference = Map.of("secretKeyRef", Map.of("name", "st2-redis", "key", "redis-password"));
		assertThat((List<Map<String, Object>>) at(rendered.container(), "env")).containsExactly(
				Map.of("name", "SPRING_DATA_REDIS_PASSWORD", "valueFrom", reference),
				Map.of("name", "SPRING_DATA_REDIS_SENTINEL_PASSWORD", "valueFrom", reference));
		// the Sentinel password only when asked for, from a key of your choice
		Rendered redisOnly = this.chart.render(minimal("state.store", "redis", "state.redis.url", REDIS_URL,
				"state.redis.existingSecret", "my-redis", "state.redis.existingSecretPasswordKey", "password"));
		assertThat((List<Map<String, Object>>) at(redisOnly.container(), "env"))
			.containsExactly(Map.of("name", "SPRING_DATA_REDIS_PASSWORD", "valueFrom",
					Map.of("secretKeyRef", Map.of("name", "my-redis", "key", "password"))));
	}

	@Test
	void podDisruptionBudgetAndAutoscalerShouldRenderWithMoreThanOneReplicaOnRedis() {
		assertThat(this.chart.render(minimal()).find("PodDisruptionBudget")).isEmpty();
		assertThat(this.chart.render(minimal("replicaCount", 0)).find("PodDisruptionBudget")).isEmpty();
		assertThat(this.chart.render(minimal("state.store", "redis", "state.redis.url", REDIS_URL))
			.find("PodDisruptionBudget")).as("one replica on Redis").isEmpty();
		Rendered three = this.chart
			.render(minimal("replicaCount", 3, "state.store", "redis", "state.redis.url", REDIS_URL));
		assertThat((Integer) at(three.get("PodDisruptionBudget"), "spec.maxUnavailable")).isEqualTo(1);
		assertThat((Map<String, String>) at(three.get("PodDisruptionBudget"), "spec.selector.matchLabels"))
			.containsEntry("app.kubernetes.io/instance", HelmChart.RELEASE);
		assertThat((Integer) at(three.get("Deployment"), "spec.replicas")).isEqualTo(3);
		assertThat(three.find("HorizontalPodAutoscaler")).isEmpty();
		Rendered autoscaled = this.chart
			.render(minimal("autoscaling.enabled", true, "state.store", "redis", "state.redis.url", REDIS_URL));
		assertThat(autoscaled.find("PodDisruptionBudget")).isPresent();
		Map<String, Object> hpa = autoscaled.get("HorizontalPodAutoscaler");
		assertThat((Integer) at(hpa, "spec.minReplicas")).isEqualTo(2);
		assertThat((String) at(hpa, "spec.scaleTargetRef.name")).isEqualTo(FULLNAME);
		assertThat((Object) at(autoscaled.get("Deployment"), "spec.replicas")).as("the HPA owns replicas").isNull();
		assertThat(this.chart
			.render(minimal("replicaCount", 3, "state.store", "redis", "state.redis.url", REDIS_URL,
					"podDisruptionBudget.enabled", false))
			.find("PodDisruptionBudget")).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("wrongTypes")
	void schemaShouldRejectWrongTypes(Map<String, Object> values, String where) {
		assertThat(this.chart.renderError(values)).contains("values don't meet the specifications of the schema")
			.contains(where);
	}

	static Stream<Arguments> wrongTypes() {
		return Stream.of(Arguments.of(minimal("replicaCount", "two"), "/replicaCount"),
				Arguments.of(minimal("st2.verifyTls", "yes"), "/st2/verifyTls"),
				Arguments.of(minimal("st2.url", "st2.example.com"), "/st2/url"),
				Arguments.of(minimal("st2.urll", "http://st2"), "urll"),
				Arguments.of(minimal("st2.pageSize", "100"), "/st2/pageSize"),
				Arguments.of(minimal("chat.delivery.timeout", "soon"), "/chat/delivery/timeout"),
				Arguments.of(minimal("chat.slack.signingSecret", 12345), "/chat/slack/signingSecret"),
				Arguments.of(minimal("api.keys", Map.of("Ops-Key", Map.of("token", "t"))), "Ops-Key"),
				Arguments.of(minimal("logging.structuredFormat", "json"), "/logging/structuredFormat"),
				Arguments.of(minimal("containerPorts.http", 70000), "/containerPorts/http"),
				Arguments.of(minimal("relay.stream.enabled", "true"), "/relay/stream/enabled"),
				Arguments.of(minimal("relay.token", "too-short"), "/relay/token"),
				Arguments.of(minimal("chat.slack.userField", "email"), "/chat/slack/userField"),
				Arguments.of(minimal("state.store", "valkey"), "/state/store"),
				Arguments.of(minimal("state.redis.url", "redis://:s3cr3t-password@redis:6379"), "/state/redis/url"),
				Arguments.of(minimal("state.redis.sentinel.nodes", "redis-0:26379"), "/state/redis/sentinel/nodes"),
				Arguments.of(minimal("state.redis.tls", "true"), "/state/redis/tls"));
	}

	@Test
	void globalValuesOfAnUmbrellaChartShouldBeAccepted() {
		assertThat(this.chart.render(minimal("global.imageRegistry", "registry.example.com")).kinds())
			.contains("Deployment");
	}

	@Test
	void changedSettingsOrCredentialsShouldRollThePods() {
		Map<String, Object> before = annotations(this.chart.render(minimal()));
		Map<String, Object> setting = annotations(this.chart.render(minimal("command.prefix", "!chatops")));
		Map<String, Object> credential = annotations(
				this.chart.render(minimal("relay.token", "s3cr3t-relay-token-0123")));

		assertThat(setting.get("checksum/config")).isNotEqualTo(before.get("checksum/config"));
		assertThat(setting.get("checksum/secret")).isEqualTo(before.get("checksum/secret"));
		assertThat(credential.get("checksum/secret")).isNotEqualTo(before.get("checksum/secret"));
		assertThat(credential.get("checksum/config")).isEqualTo(before.get("checksum/config"));
	}

	@Test
	void productionValuesShouldRender() {
		Rendered rendered = this.chart.render(Map.of(), PRODUCTION_VALUES);

		assertThat(rendered.kinds()).containsExactly("ConfigMap", "Deployment", "Ingress", "NetworkPolicy",
				"PodDisruptionBudget", "PrometheusRule", "Service", "ServiceAccount", "ServiceMonitor");
		// three replicas sharing stackstorm-ha's Redis through its Sentinels
		assertThat((Integer) at(rendered.get("Deployment"), "spec.replicas")).isEqualTo(3);
		assertThat(rendered.configMapData()).contains(entry("GATEWAY_STATE_STORE", "redis"),
				entry("SPRING_DATA_REDIS_SENTINEL_MASTER", "mymaster"), entry("SPRING_DATA_REDIS_SENTINEL_NODES",
						"st2-redis-node-0.st2-redis-headless:26379,st2-redis-node-1.st2-redis-headless:26379,st2-redis-node-2.st2-redis-headless:26379"));
		assertThat(rendered.configMapData()).contains(entry("GATEWAY_ST2_WEB_URL", "https://stackstorm.example.com"),
				entry("GATEWAY_API_KEYS_OPS_USER", "ops"), entry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs"),
				entry("LOGGING_LEVEL_IO_GITHUB_ST2CHATOPS", "INFO"));
		// st2's URLs and user from stackstorm-ha's own ConfigMap and Secret
		assertThat(rendered.configMapData()).doesNotContainKey("GATEWAY_ST2_URL");
		Map<String, Object> container = rendered.container();
		assertThat((List<Map<String, Object>>) at(container, "envFrom")).contains(
				Map.of("secretRef", Map.of("name", "chatops-gateway-credentials")),
				Map.of("configMapRef", Map.of("name", StackstormHa.URLS_CONFIG_MAP)),
				Map.of("secretRef", Map.of("name", StackstormHa.AUTH_SECRET)));
		// stackstorm-ha's Redis has no password by default: no Secret to refer to, none
		// that
		// would keep the pods from starting
		assertThat((Object) container.get("env")).as("no secretKeyRef to a Secret that does not exist").isNull();
		// the Ingress reaches the webhooks, never actuator
		Map<String, Object> ingress = rendered.get("Ingress");
		List<Map<String, Object>> rules = at(ingress, "spec.rules");
		assertThat(rules).singleElement().satisfies((rule) -> {
			assertThat(rule.get("host")).isEqualTo("chatops.example.com");
			List<Map<String, Object>> paths = at(rule, "http.paths");
			assertThat(paths).singleElement().satisfies((path) -> {
				assertThat(path.get("path")).isEqualTo("/chat/");
				assertThat((String) at(path, "backend.service.port.name")).isEqualTo("http");
			});
		});
		assertThat((String) at(ingress, "spec.ingressClassName")).isEqualTo("nginx");
		Map<String, Object> monitor = rendered.get("ServiceMonitor");
		assertThat((Map<String, Object>) at(monitor, "metadata.labels")).containsEntry("release",
				"kube-prometheus-stack");
		List<Map<String, Object>> endpoints = at(monitor, "spec.endpoints");
		assertThat(endpoints).singleElement().satisfies((endpoint) -> {
			assertThat(endpoint.get("port")).isEqualTo("management");
			assertThat(endpoint.get("path")).isEqualTo("/actuator/prometheus");
		});
		assertThat((String) at(container, "resources.limits.memory")).isEqualTo("768Mi");
	}

	@Test
	void productionValuesShouldUseTheNamesStackstormHaCreates() throws IOException {
		Map<String, Object> values = new Yaml().load(Files.readString(PRODUCTION_VALUES));
		// the Sentinels of stackstorm-ha's Redis:
		// <release>-redis-node-N.<release>-redis-headless,
		// port redis.sentinel.port, master set redis.sentinel.masterSet
		assertThat((List<String>) at(values, "state.redis.sentinel.nodes")).containsExactly(StackstormHa.sentinel(0),
				StackstormHa.sentinel(1), StackstormHa.sentinel(2));
		assertThat((String) at(values, "state.redis.sentinel.master")).isEqualTo(StackstormHa.SENTINEL_MASTER);
		assertThat((Boolean) at(values, "state.redis.sentinel.usePassword")).isFalse();
		assertThat((String) at(values, "state.redis.existingSecret")).isEmpty();
	}

	@Test
	void networkPolicyShouldAllowOnlyWhatTheGatewayNeeds() {
		Map<String, Object> policy = this.chart.render(Map.of(), PRODUCTION_VALUES).get("NetworkPolicy");

		assertThat((List<String>) at(policy, "spec.policyTypes")).containsExactly("Ingress", "Egress");
		List<Map<String, Object>> ingress = at(policy, "spec.ingress");
		assertThat(ingress).extracting((rule) -> ports(rule))
			.containsExactly(List.of("http/TCP"), List.of("management/TCP"), List.of("management/TCP"));
		assertThat((List<Map<String, Object>>) ingress.get(0).get("from")).hasSize(2);
		assertThat((List<Map<String, Object>>) ingress.get(0).get("from"))
			.anySatisfy((peer) -> assertThat((Map<String, String>) at(peer, "podSelector.matchLabels"))
				.isEqualTo(StackstormHa.ACTION_RUNNER_LABELS));
		// helm test's Pod may ask for readiness
		assertThat((List<Map<String, Object>>) ingress.get(2).get("from")).singleElement()
			.satisfies((peer) -> assertThat((Map<String, String>) at(peer, "podSelector.matchLabels"))
				.containsEntry("app.kubernetes.io/name", "st2-chatops-gateway-test"));
		List<Map<String, Object>> egress = at(policy, "spec.egress");
		assertThat(egress).extracting((rule) -> ports(rule))
			.containsExactly(List.of("53/UDP", "53/TCP"), List.of("80/TCP", "9100/TCP", "9101/TCP", "9102/TCP"),
					List.of("443/TCP"), List.of("6379/TCP", "26379/TCP"));
		assertThat((List<Map<String, Object>>) egress.get(3).get("to")).singleElement()
			.satisfies((peer) -> assertThat((Map<String, String>) at(peer, "podSelector.matchLabels"))
				.isEqualTo(StackstormHa.REDIS_POD_LABELS));
		assertThat((Object) egress.get(0).get("to")).as("DNS anywhere").isNull();
		assertThat((List<Map<String, Object>>) egress.get(1).get("to")).singleElement()
			.satisfies((peer) -> assertThat((Map<String, String>) at(peer, "podSelector.matchLabels"))
				.isEqualTo(StackstormHa.ST2_POD_LABELS));
		assertThat(this.chart.render(minimal("networkPolicy.enabled", false)).find("NetworkPolicy")).isEmpty();
	}

	@Test
	void onlySocketTransportsShouldNeedNoIngressAndNoInboundHttp() {
		Object[] sockets = { "chat.slack.appToken", "xapp-1-A01-s3cr3t", "chat.slack.botToken", "s3cr3t-bot",
				"chat.mattermost.websocket.enabled", true, "chat.mattermost.url", "https://mattermost.example.com",
				"chat.mattermost.botToken", "s3cr3t-mattermost-bot", "ingress.enabled", true };
		Rendered rendered = this.chart.render(minimal(sockets));

		assertThat(rendered.find("Ingress")).isEmpty();
		Map<String, Object> policy = rendered.get("NetworkPolicy");
		assertThat((List<String>) at(policy, "spec.policyTypes")).containsExactly("Ingress", "Egress");
		assertThat((List<Map<String, Object>>) at(policy, "spec.ingress")).extracting((rule) -> ports(rule))
			.as("only the management port: the kubelet's probes, Prometheus")
			.containsExactly(List.of("management/TCP"));
		assertThat(rendered.configMapData()).containsEntry("GATEWAY_CHAT_MATTERMOST_WEBSOCKET_ENABLED", "true");
		assertThat(this.chart
			.render(minimal("chat.mattermost.websocket.enabled", true, "chat.mattermost.url",
					"https://mattermost.example.com", "chat.mattermost.botToken", "s3cr3t-mattermost-bot"))
			.find("Ingress")).as("the Ingress stays off by default").isEmpty();
	}

	@Test
	void socketTransportsBesideAWebhookPlatformOrTheApiShouldKeepInboundHttp() {
		Object[] mattermostSocket = { "chat.mattermost.websocket.enabled", true, "chat.mattermost.url",
				"https://mattermost.example.com", "chat.mattermost.botToken", "s3cr3t-mattermost-bot",
				"ingress.enabled", true };
		for (Object[] more : List.of(new Object[] { "chat.generic.secret", "s3cr3t-generic-0123456789" },
				new Object[] { "relay.token", "s3cr3t-relay-token-0123" },
				new Object[] { "api.keys",
						Map.of("ops", Map.of("token", "s3cr3t-api-token-0123456789", "user", "ops")) },
				new Object[] { "chat.slack.socketMode.enabled", false, "chat.slack.appToken", "xapp-1-A01-s3cr3t",
						"chat.slack.botToken", "s3cr3t-bot", "chat.mattermost.websocket.enabled", false,
						"chat.mattermost.token", "s3cr3t-mattermost-token" })) {
			List<Object> values = new ArrayList<>(List.of(mattermostSocket));
			values.addAll(List.of(more));
			Rendered rendered = this.chart.render(minimal(values.toArray()));
			assertThat(rendered.find("Ingress")).as("%s", values).isPresent();
			assertThat((List<Map<String, Object>>) at(rendered.get("NetworkPolicy"), "spec.ingress"))
				.extracting((rule) -> ports(rule))
				.first()
				.isEqualTo(List.of("http/TCP"));
		}
	}

	@Test
	void st2UrlsAndUserFromExtraEnvFromShouldNeedNoSt2UrlOrCredential() {
		Rendered rendered = this.chart
			.render(values("extraEnvFrom", List.of(Map.of("configMapRef", Map.of("name", StackstormHa.URLS_CONFIG_MAP)),
					Map.of("secretRef", Map.of("name", StackstormHa.AUTH_SECRET)))));

		assertThat(rendered.configMapData()).doesNotContainKey("GATEWAY_ST2_URL");
		assertThat(rendered.find("Secret")).isEmpty();
		// two credentials are still refused
		assertThat(this.chart
			.renderError(values("extraEnvFrom", List.of(Map.of("secretRef", Map.of("name", StackstormHa.AUTH_SECRET))),
					"st2.apiKey", "k", "st2.authToken", "t")))
			.contains("set exactly one st2 credential");
	}

	@Test
	void helmTestPodShouldAskForReadinessWithoutTheGatewaysLabels(@TempDir Path copy) throws IOException {
		Path test = Path.of("templates", "tests", "readiness.yaml");
		String template = Files.readString(HelmChart.DIRECTORY.resolve(test));
		assertThat(template).contains("helm.sh/hook: test");
		// helm template leaves hooks out: render a copy of the chart whose test Pod is no
		// hook
		copyOfChart(copy);
		Files.writeString(copy.resolve(test), template.replace("helm.sh/hook: test", "hook: test"));
		Rendered rendered = new HelmChart(copy).render(minimal());

		Map<String, Object> pod = rendered.get("Pod");
		assertThat((Map<String, String>) at(pod, "metadata.labels")).containsEntry("app.kubernetes.io/name",
				"st2-chatops-gateway-test");
		List<Map<String, Object>> containers = at(pod, "spec.containers");
		assertThat(containers).singleElement().satisfies((container) -> {
			assertThat((List<String>) container.get("command"))
				.contains("http://" + HelmChart.FULLNAME + ":8081/actuator/health/readiness");
			assertThat((Boolean) at(container, "securityContext.readOnlyRootFilesystem")).isTrue();
		});
		assertThat(new HelmChart(copy).render(minimal("helmTest.enabled", false)).find("Pod")).isEmpty();
	}

	@Test
	void prometheusRuleShouldAlertOnMetricsTheGatewayExports() throws IOException {
		Map<String, Object> rule = this.chart
			.render(minimal("metrics.prometheusRule.enabled", true, "metrics.prometheusRule.labels",
					Map.of("release", "kube-prometheus-stack"), "relay.stream.enabled", true))
			.get("PrometheusRule");

		assertThat((Map<String, String>) at(rule, "metadata.labels")).containsEntry("release", "kube-prometheus-stack");
		List<Map<String, Object>> groups = at(rule, "spec.groups");
		List<Map<String, Object>> alerts = at(groups.get(0), "rules");
		assertThat(alerts).extracting((alert) -> alert.get("alert"))
			.containsExactly("ChatopsGatewayCatalogStale", "ChatopsGatewaySt2CircuitOpen",
					"ChatopsGatewayRelayFailures", "ChatopsGatewayStreamDown", "ChatopsGatewayNoChatConnection");
		String operations = Files.readString(Path.of("docs", "operations.md"));
		Pattern metric = Pattern.compile("\\b([a-z][a-z0-9_]+)\\{");
		for (Map<String, Object> alert : alerts) {
			String expr = (String) alert.get("expr");
			assertThat(expr).as("selects this release's series")
				.contains("namespace=\"" + HelmChart.NAMESPACE + "\", service=\"" + HelmChart.FULLNAME + "\"");
			Matcher matcher = metric.matcher(expr);
			while (matcher.find()) {
				String name = matcher.group(1);
				if (!List.of("max", "sum", "increase", "absent").contains(name)) {
					// docs/operations.md lists what /actuator/prometheus shows
					// (OperationsIntegrationTests scrapes it)
					assertThat(operations).as(name).contains(name);
				}
			}
		}
		assertThat(this.chart.render(minimal("metrics.prometheusRule.enabled", true)).get("PrometheusRule"))
			.satisfies((withoutStream) -> assertThat((List<Map<String, Object>>) at(
					((List<Map<String, Object>>) at(withoutStream, "spec.groups")).get(0), "rules"))
				.extracting((alert) -> alert.get("alert"))
				.doesNotContain("ChatopsGatewayStreamDown"));
	}

	@Test
	void chartReadmeShouldListEveryDocumentedValue() throws IOException {
		// generated by Bitnami's readme-generator (.ci/run checks it is up to date)
		String readme = Files.readString(HelmChart.DIRECTORY.resolve("README.md"));

		assertThat(documentedValues().keySet()).allSatisfy((value) -> assertThat(readme).contains("| `" + value + "`"));
	}

	@Test
	void chartShouldNeedKubernetes130ForThePreStopSleep() throws IOException {
		Map<String, Object> chartYaml = new Yaml().load(Files.readString(HelmChart.DIRECTORY.resolve("Chart.yaml")));
		assertThat(chartYaml).containsEntry("kubeVersion", ">=1.30.0-0");
	}

	@Test
	void everyValueShouldBeUsedByATemplate() throws IOException {
		String templates = templatesText();
		List<List<String>> unused = new ArrayList<>();
		for (List<String> path : leafPaths(defaultValues())) {
			if (!usedByTemplates(templates, path)) {
				unused.add(path);
			}
		}
		assertThat(unused).as("values no template reads").isEmpty();
	}

	@Test
	void everyValueShouldBeDocumentedAndEveryDocumentedValueShouldExist() throws IOException {
		Map<String, String> documented = documentedValues();
		Set<String> leaves = new TreeSet<>();
		for (List<String> path : leafPaths(defaultValues())) {
			leaves.add(String.join(".", path));
		}
		assertThat(leaves).as("values without ## @param").allMatch(documented::containsKey);
		Set<String> nodes = new TreeSet<>();
		collectNodes(defaultValues(), "", nodes);
		assertThat(documented.keySet()).as("## @param of values that do not exist").allMatch(nodes::contains);
		// a value documented as a secret is one the chart puts in its Secret
		Set<String> documentedSecrets = new TreeSet<>();
		documented.forEach((path, description) -> {
			if (description.startsWith("Secret.")) {
				documentedSecrets.add(path);
			}
		});
		Set<String> credentialPaths = new TreeSet<>();
		for (String path : GatewaySettings.CREDENTIALS) {
			// api.keys.<name>.token is documented on api.keys, which is not only a secret
			if (!path.startsWith("api/keys/")) {
				credentialPaths.add(path.replace('/', '.'));
			}
		}
		assertThat(documentedSecrets).isEqualTo(credentialPaths);
	}

	@Test
	void chartImageAndApplicationShouldAgreeOnUserAndPorts() throws IOException {
		String dockerfile = Files.readString(Path.of("Dockerfile"));
		Map<String, Object> defaults = defaultValues();
		assertThat(dockerfile).contains("USER " + at(defaults, "podSecurityContext.runAsUser") + ":"
				+ at(defaults, "podSecurityContext.runAsGroup"));
		assertThat(dockerfile).contains(
				"EXPOSE " + at(defaults, "containerPorts.http") + " " + at(defaults, "containerPorts.management"));
		assertThat(dockerfile).contains("MANAGEMENT_SERVER_PORT=" + at(defaults, "containerPorts.management"));
		assertThat(dockerfile).contains((String) at(defaults, "javaToolOptions"));
	}

	private static Map<String, Object> annotations(Rendered rendered) {
		return at(rendered.get("Deployment"), "spec.template.metadata.annotations");
	}

	private static List<String> ports(Map<String, Object> rule) {
		List<Map<String, Object>> ports = at(rule, "ports");
		return ports.stream().map((port) -> port.get("port") + "/" + port.get("protocol")).toList();
	}

	static Path allSettingsValues() {
		return Path.of("src/test/resources/deploy/all-settings-values.yaml");
	}

	static Map<String, Object> defaultValues() throws IOException {
		return new Yaml().load(Files.readString(HelmChart.DIRECTORY.resolve("values.yaml")));
	}

	static String templatesText() throws IOException {
		StringBuilder text = new StringBuilder();
		try (Stream<Path> files = Files.walk(HelmChart.DIRECTORY.resolve("templates"))) {
			for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
				text.append(Files.readString(file, StandardCharsets.UTF_8)).append('\n');
			}
		}
		return text.toString();
	}

	/**
	 * Every leaf of the values tree: a scalar, a list or an empty map.
	 */
	static List<List<String>> leafPaths(Map<String, Object> values) {
		List<List<String>> leaves = new ArrayList<>();
		collectLeaves(values, new ArrayList<>(), leaves);
		return leaves;
	}

	@SuppressWarnings("unchecked")
	private static void collectLeaves(Map<String, Object> node, List<String> path, List<List<String>> leaves) {
		node.forEach((key, value) -> {
			List<String> childPath = new ArrayList<>(path);
			childPath.add(key);
			if (value instanceof Map<?, ?> map && !map.isEmpty()) {
				collectLeaves((Map<String, Object>) map, childPath, leaves);
			}
			else {
				leaves.add(childPath);
			}
		});
	}

	@SuppressWarnings("unchecked")
	private static void collectNodes(Map<String, Object> node, String prefix, Set<String> nodes) {
		node.forEach((key, value) -> {
			String path = prefix.isEmpty() ? key : prefix + "." + key;
			nodes.add(path);
			if (value instanceof Map<?, ?> map) {
				collectNodes((Map<String, Object>) map, path, nodes);
			}
		});
	}

	/**
	 * A value is used when a template reads it ({@code .Values.st2.url}) or reads one of
	 * its parents as a whole ({@code toYaml .Values.resources}), not merely a sibling.
	 */
	static boolean usedByTemplates(String templates, List<String> path) {
		for (int length = path.size(); length > 0; length--) {
			String prefix = String.join(".", path.subList(0, length));
			String next = (length == path.size()) ? "(?![\\w])" : "(?![\\w.])";
			if (Pattern.compile("\\.Values\\." + Pattern.quote(prefix) + next).matcher(templates).find()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * {@code ## @param path description} lines of values.yaml.
	 */
	static Map<String, String> documentedValues() throws IOException {
		Map<String, String> documented = new LinkedHashMap<>();
		Matcher matcher = Pattern.compile("(?m)^## @param (\\S+) (?:\\[[^]]*\\] )?(.+)$")
			.matcher(Files.readString(HelmChart.DIRECTORY.resolve("values.yaml")));
		while (matcher.find()) {
			documented.put(matcher.group(1), matcher.group(2));
		}
		return documented;
	}

	static Path copyOfChart(Path target, String... without) throws IOException {
		Path source = HelmChart.DIRECTORY;
		try (Stream<Path> files = Files.walk(source)) {
			for (Path file : files.toList()) {
				Path relative = source.relativize(file);
				if (List.of(without).contains(relative.toString())) {
					continue;
				}
				Path copy = target.resolve(relative.toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(copy);
				}
				else {
					Files.copy(file, copy);
				}
			}
		}
		return target;
	}

}
