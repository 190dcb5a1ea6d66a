package io.github.st2chatops.gateway.relay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.st2chatops.gateway.st2.St2Properties;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The st2 pack in {@code st2/chatops_gateway}: every file parses, every reference
 * resolves within the pack or to an action st2 ships, and what it posts is exactly what
 * {@code POST /api/v1/st2/notifications} reads.
 */
class St2PackTests {

	static final Path PACK = Path.of("st2", "chatops_gateway");

	static final String PACK_REF = "chatops_gateway";

	/**
	 * Parameters of the st2 actions the pack uses, from st2's sources:
	 * contrib/core/actions/http.yaml with the http-request runner's parameters
	 * (contrib/runners/http_runner/http_runner/runner.yaml),
	 * contrib/chatops/actions/format_execution_result.yaml,
	 * contrib/chatops/actions/post_result.yaml, contrib/core/actions/noop.yaml.
	 */
	static final Map<String, Set<String>> ST2_ACTIONS = Map.of("chatops.post_result",
			Set.of("user", "whisper", "execution_id", "channel", "route", "context"), "core.http",
			Set.of("auth", "body", "file_content", "file_content_type", "file_name", "file_path", "headers", "method",
					"params", "timeout", "allow_redirects", "cookies", "http_proxy", "https_proxy", "password", "url",
					"username", "verify_ssl_cert", "url_hosts_blacklist", "url_hosts_whitelist"),
			"chatops.format_execution_result", Set.of("execution_id"), "core.noop", Set.of());

	/** st2common/st2common/constants/pack.py. */
	static final Pattern PACK_VERSION = Pattern.compile(
			"^(?:0|[1-9]\\d*)\\.(?:0|[1-9]\\d*)\\.(?:0|[1-9]\\d*)(?:-[\\da-z\\-]+(?:\\.[\\da-z\\-]+)*)?(?:\\+[\\da-z\\-]+(?:\\.[\\da-z\\-]+)*)?$");

	static final Pattern CTX_REFERENCE = Pattern.compile("ctx\\(\\)\\.(\\w+)");

	private final Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));

	@Test
	void everyFileShouldBeYamlThatParses() throws IOException {
		List<Path> files = packFiles();

		assertThat(files).extracting((file) -> PACK.relativize(file).toString().replace('\\', '/'))
			.contains("pack.yaml", "config.schema.yaml", "rules/notify.yaml", "rules/announce.yaml",
					"actions/post_result.yaml", "actions/workflows/post_result.yaml",
					"policies/post_result_retry.yaml");
		for (Path file : files) {
			assertThat((Object) load(file)).as(file.toString()).isInstanceOf(Map.class);
		}
	}

	@Test
	void packMetadataShouldBeWhatSt2Registers() {
		Map<String, Object> pack = load(PACK.resolve("pack.yaml"));

		assertThat(pack).containsEntry("ref", PACK_REF).containsKeys("name", "description", "author");
		assertThat(PACK.getFileName().toString()).isEqualTo(PACK_REF);
		assertThat((String) pack.get("version")).matches(PACK_VERSION);
		assertThat(strings(pack.get("python_versions"))).containsExactly("3");
	}

	@Test
	void ruleShouldTriggerOnTheGatewaysRouteAndCallAPackAction() {
		Map<String, Object> rule = load(PACK.resolve("rules/notify.yaml"));

		assertThat(rule).containsEntry("pack", PACK_REF).containsEntry("enabled", true);
		assertThat(map(rule, "trigger")).containsEntry("type", "core.st2.generic.notifytrigger");
		// the gateway's executions, by their source_channel; the route is checked against
		// the pack config in the workflow, never edited into the rule
		assertThat(map(rule, "criteria")).containsOnlyKeys("trigger.data.source_channel");
		assertGatewayChannelCriterion(map(map(rule, "criteria"), "trigger.data.source_channel"));
		Map<String, Object> action = map(rule, "action");
		Map<String, Object> metadata = packAction((String) action.get("ref"));
		Map<String, Object> parameters = map(metadata, "parameters");
		assertThat(parameters).containsKeys(map(action, "parameters").keySet().toArray(String[]::new));
		// every required parameter without a default comes from the trigger
		parameters.forEach((name, schema) -> {
			Map<?, ?> definition = (Map<?, ?>) schema;
			if (Boolean.TRUE.equals(definition.get("required")) && !definition.containsKey("default")) {
				assertThat(map(action, "parameters")).as(name).containsKey(name);
			}
		});
		assertPassesTheNotificationOn(map(action, "parameters"));
	}

	@Test
	void workflowShouldPostOnlyNotificationsOnTheRouteOfThePackConfig() {
		Map<String, Object> action = packAction(PACK_REF + ".post_result");
		Map<String, Object> config = load(PACK.resolve("config.schema.yaml"));
		Map<String, Object> workflow = load(PACK.resolve("actions").resolve((String) action.get("entry_point")));
		Map<String, Object> tasks = map(workflow, "tasks");

		assertThat(map(config, "route")).containsEntry("type", "string").containsEntry("default", defaultRoute());
		assertThat(map(map(action, "parameters"), "gateway_route")).containsEntry("default",
				"{{ config_context.route }}");
		assertThat(map(map(action, "parameters"), "route")).containsEntry("required", true);
		// orquesta starts with the tasks no transition leads to: only the route check
		Set<String> targets = new HashSet<>();
		tasks.values()
			.forEach((task) -> ((List<?>) ((Map<String, Object>) task).getOrDefault("next", List.of()))
				.forEach((next) -> targets.addAll(strings(((Map<String, Object>) next).get("do")))));
		assertThat(tasks.keySet().stream().filter((name) -> !targets.contains(name))).containsExactly("check_route");
		List<Map<String, Object>> transitions = (List<Map<String, Object>>) map(tasks, "check_route").get("next");
		assertThat(transitions).extracting((next) -> next.get("when"))
			.containsExactly("{{ ctx().route == ctx().gateway_route }}", "{{ ctx().route != ctx().gateway_route }}");
		assertThat(strings(transitions.get(0).get("do"))).containsExactly("format_execution_result");
		assertThat(transitions.get(1)).doesNotContainKey("do");
	}

	@Test
	void gatewayChannelCriterionShouldMatchTheGatewaysChannelsAndNoHubotRoom() {
		Pattern criterion = Pattern.compile(
				(String) map(map(load(PACK.resolve("rules/notify.yaml")), "criteria"), "trigger.data.source_channel")
					.get("pattern"));
		// st2 matches with Python's re.match: anchored at the start
		assertThat(List.of("slack:C024BE91L", "mattermost:4xp9fdt77pncbef59f4k1qe83o", "teams:19:abc@thread.tacv2",
				"rocketchat:GENERAL", "generic:ops-room"))
			.allMatch((channel) -> criterion.matcher(channel).lookingAt());
		// hubot adapters' rooms: Slack and Mattermost ids, Rocket.Chat names, Teams ids
		assertThat(List.of("C024BE91L", "4xp9fdt77pncbef59f4k1qe83o", "general", "19:abc@thread.tacv2", ""))
			.noneMatch((channel) -> criterion.matcher(channel).lookingAt());
	}

	private static void assertGatewayChannelCriterion(Map<String, Object> criterion) {
		assertThat(criterion).containsEntry("type", "matchregex").containsEntry("pattern", "^[a-z]+:.");
	}

	/**
	 * The rule's action gets what the gateway needs from the trigger: the route, the
	 * channel and context the command came from, and the execution.
	 */
	private static void assertPassesTheNotificationOn(Map<String, Object> parameters) {
		assertThat(parameters).containsEntry("route", "{{ trigger.route }}")
			.containsEntry("channel", "{{ trigger.data.source_channel }}")
			.containsEntry("context", "{{ trigger.data.source_context }}")
			.containsEntry("execution_id", "{{ trigger.execution_id }}");
	}

	@Test
	void streamAlternativeRuleShouldAnnounceOnTheGatewaysRouteAndBeOffByDefault() {
		Map<String, Object> rule = load(PACK.resolve("rules/announce.yaml"));
		Map<String, Object> action = map(rule, "action");

		// the gateway follows st2.announcement__<route>: the route must be passed on
		assertThat(rule).containsEntry("pack", PACK_REF).containsEntry("enabled", false);
		assertThat(map(rule, "trigger")).containsEntry("type", "core.st2.generic.notifytrigger");
		assertGatewayChannelCriterion(map(map(rule, "criteria"), "trigger.data.source_channel"));
		assertThat(action).containsEntry("ref", "chatops.post_result");
		assertThat(knownParameters("chatops.post_result")).containsAll(map(action, "parameters").keySet());
		assertPassesTheNotificationOn(map(action, "parameters"));
	}

	@Test
	void actionShouldTakeTheTokenFromTheEncryptedDatastoreAndSettingsFromThePackConfig() {
		Map<String, Object> action = packAction(PACK_REF + ".post_result");
		Map<String, Object> parameters = map(action, "parameters");
		Map<String, Object> config = load(PACK.resolve("config.schema.yaml"));

		assertThat(action).containsEntry("runner_type", "orquesta").containsEntry("enabled", true);
		assertThat(PACK.resolve("actions").resolve((String) action.get("entry_point"))).isRegularFile();
		assertThat(map(parameters, "token")).containsEntry("secret", true)
			.containsEntry("default", "{{ st2kv.system.chatops_gateway_token | decrypt_kv }}");
		Pattern configReference = Pattern.compile("config_context\\.(\\w+)");
		parameters.values().forEach((schema) -> {
			Object defaultValue = ((Map<?, ?>) schema).get("default");
			if (defaultValue instanceof String text) {
				Matcher matcher = configReference.matcher(text);
				while (matcher.find()) {
					assertThat(config).as(text).containsKey(matcher.group(1));
				}
			}
		});
		assertThat(map(config, "gateway_url")).containsEntry("required", true).containsEntry("type", "string");
		for (String name : config.keySet()) {
			assertThat(map(config, name)).as(name).containsKeys("type", "description");
		}
	}

	@Test
	void workflowShouldUseKnownActionsWithTheirParametersAndResolveEveryReference() {
		Map<String, Object> action = packAction(PACK_REF + ".post_result");
		Map<String, Object> workflow = load(PACK.resolve("actions").resolve((String) action.get("entry_point")));
		Map<String, Object> tasks = map(workflow, "tasks");

		assertThat(workflow.get("version")).isEqualTo(1.0);
		Set<String> inputs = new HashSet<>(strings(workflow.get("input")));
		assertThat(inputs).isEqualTo(map(action, "parameters").keySet());
		Set<String> variables = new HashSet<>(inputs);
		for (Object var : (List<?>) workflow.get("vars")) {
			variables.addAll(((Map<String, ?>) var).keySet());
		}
		tasks.forEach((name, value) -> {
			Map<String, Object> task = (Map<String, Object>) value;
			String ref = (String) task.get("action");
			assertThat(knownParameters(ref)).as("parameters of %s in task %s", ref, name)
				.containsAll(map(task, "input").keySet());
			for (Object transition : (List<?>) task.getOrDefault("next", List.of())) {
				Map<String, Object> next = (Map<String, Object>) transition;
				assertThat(tasks.keySet()).as("task %s transitions", name).containsAll(strings(next.get("do")));
				for (Object publish : (List<?>) next.getOrDefault("publish", List.of())) {
					assertThat(variables).as("published by %s", name).containsAll(((Map<String, ?>) publish).keySet());
				}
			}
		});
		Matcher references = CTX_REFERENCE
			.matcher(read(PACK.resolve("actions").resolve((String) action.get("entry_point"))));
		while (references.find()) {
			assertThat(variables).contains(references.group(1));
		}
	}

	@Test
	void workflowShouldPostExactlyWhatTheEndpointReadsWhereItListens() {
		Map<String, Object> post = postTask();
		Map<String, Object> input = map(post, "input");
		Map<String, Object> headers = map(input, "headers");

		assertThat(post).containsEntry("action", "core.http");
		assertThat(input).containsEntry("method", "POST").containsEntry("password", "{{ ctx().token }}");
		assertThat((String) input.get("url")).endsWith("}}" + NotificationController.PATH);
		// st2's http runner JSON-encodes the body only for exactly this content type
		assertThat(headers).containsEntry("Content-Type", "application/json")
			.containsEntry(NotificationController.IDEMPOTENCY_KEY, "st2-execution-{{ ctx().execution_id }}");
		Matcher keys = Pattern.compile("\"(\\w+)\": ctx\\(\\)").matcher((String) input.get("body"));
		Set<String> posted = new HashSet<>();
		while (keys.find()) {
			posted.add(keys.group(1));
		}
		assertThat(posted).isEqualTo(Notification.KEYS);
	}

	@Test
	void bodyEscapingShouldHideJinjaFromSt2AndReadBackAsTheSameText() {
		// regex_replace(<pattern>, <replacement>) as the workflow writes it, evaluated
		// the
		// way st2 does: Jinja unescapes its string literals (unicode-escape), then
		// Python's
		// re.sub reads backslashes in the replacement
		Matcher call = Pattern.compile("regex_replace\\(\"((?:[^\"\\\\]|\\\\.)*)\", \"((?:[^\"\\\\]|\\\\.)*)\"\\)")
			.matcher((String) map(postTask(), "input").get("body"));
		assertThat(call.find()).isTrue();
		Pattern pattern = Pattern.compile(jinjaString(call.group(1)));
		String replacement = pythonReplacement(jinjaString(call.group(2)));
		JsonMapper json = JsonMapper.builder().build();
		Map<String, Object> notification = new LinkedHashMap<>();
		notification.put("message", "helm: {{ .Values.image }} {%- if x %}{# note #}{{{ y }}} {} {\"a\": {}}");
		notification.put("channel", "slack:C024BE91L");
		notification.put("user", "jdoe");
		notification.put("whisper", false);
		notification.put("extra", Map.of("slack", Map.of("color", "{{ colour }}")));
		notification.put("context", Map.of("platform", "slack", "channel", "C024BE91L"));
		String encoded = json.writeValueAsString(notification);

		String escaped = pattern.matcher(encoded).replaceAll(Matcher.quoteReplacement(replacement));

		assertThat(escaped).doesNotContain("{{", "{%", "{#");
		assertThat(json.readValue(escaped, Map.class)).isEqualTo(notification);
	}

	@Test
	void retryPolicyShouldRetryThePackActionWithinSt2sLimits() {
		Map<String, Object> policy = load(PACK.resolve("policies/post_result_retry.yaml"));
		Map<String, Object> parameters = map(policy, "parameters");

		assertThat(policy).containsEntry("policy_type", "action.retry").containsEntry("enabled", true);
		packAction((String) policy.get("resource_ref"));
		// st2common/st2common/policies/meta/retry.yaml
		assertThat(parameters.get("retry_on")).isIn("failure", "timeout");
		assertThat((Integer) parameters.get("max_retry_count")).isBetween(1, 5);
		assertThat(((Number) parameters.get("delay")).doubleValue()).isBetween(0.0, 120.0);
		assertThat(parameters.keySet()).isSubsetOf("retry_on", "max_retry_count", "delay");
	}

	private Map<String, Object> postTask() {
		Map<String, Object> action = packAction(PACK_REF + ".post_result");
		Map<String, Object> workflow = load(PACK.resolve("actions").resolve((String) action.get("entry_point")));
		return map(map(workflow, "tasks"), "post_notification");
	}

	private Set<String> knownParameters(String ref) {
		if (ref.startsWith(PACK_REF + ".")) {
			return map(packAction(ref), "parameters").keySet();
		}
		assertThat(ST2_ACTIONS).as("an action st2 ships").containsKey(ref);
		return ST2_ACTIONS.get(ref);
	}

	private Map<String, Object> packAction(String ref) {
		assertThat(ref).startsWith(PACK_REF + ".");
		String name = ref.substring(PACK_REF.length() + 1);
		try (Stream<Path> files = Files.list(PACK.resolve("actions"))) {
			List<Map<String, Object>> matching = files.filter((file) -> file.toString().endsWith(".yaml"))
				.map(this::load)
				.filter((action) -> name.equals(action.get("name")))
				.toList();
			assertThat(matching).as("pack action %s", ref).hasSize(1);
			assertThat(matching.get(0)).containsEntry("pack", PACK_REF);
			return matching.get(0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String defaultRoute() {
		return new Binder(new MapConfigurationPropertySource(
				Map.of("gateway.st2.url", "https://st2.example.com", "gateway.st2.api-key", "key")))
			.bindOrCreate("gateway.st2", St2Properties.class)
			.route();
	}

	/**
	 * Jinja's string literal: {@code unicode-escape} decoding of the text between the
	 * quotes.
	 */
	static String jinjaString(String literal) {
		StringBuilder value = new StringBuilder();
		for (int i = 0; i < literal.length(); i++) {
			char c = literal.charAt(i);
			if (c != '\\' || i + 1 == literal.length()) {
				value.append(c);
				continue;
			}
			char next = literal.charAt(++i);
			switch (next) {
				case '\\' -> value.append('\\');
				case '"' -> value.append('"');
				case '\'' -> value.append('\'');
				case 'n' -> value.append('\n');
				case 'u' -> {
					value.append((char) Integer.parseInt(literal.substring(i + 1, i + 5), 16));
					i += 4;
				}
				default -> value.append('\\').append(next);
			}
		}
		return value.toString();
	}

	/**
	 * Python's {@code re.sub} replacement: {@code \\} is a backslash, other escapes of
	 * letters are errors.
	 */
	static String pythonReplacement(String replacement) {
		StringBuilder value = new StringBuilder();
		for (int i = 0; i < replacement.length(); i++) {
			char c = replacement.charAt(i);
			if (c != '\\') {
				value.append(c);
				continue;
			}
			char next = replacement.charAt(++i);
			if (next == '\\') {
				value.append('\\');
			}
			else if (Character.isLetter(next)) {
				throw new IllegalArgumentException("bad escape \\" + next + " (Python's re.sub refuses it)");
			}
			else {
				value.append('\\').append(next);
			}
		}
		return value.toString();
	}

	private static List<Path> packFiles() throws IOException {
		try (Stream<Path> files = Files.walk(PACK)) {
			return files.filter(Files::isRegularFile)
				.filter((file) -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yaml.example"))
				.sorted()
				.collect(Collectors.toList());
		}
	}

	private Map<String, Object> load(Path file) {
		return this.yaml.load(read(file));
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> map, String key) {
		Object value = map.get(key);
		assertThat(value).as(key).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

	private static List<String> strings(Object value) {
		if (value == null) {
			return List.of();
		}
		if (value instanceof String text) {
			return List.of(text);
		}
		return ((List<?>) value).stream().map(String.class::cast).toList();
	}

}
