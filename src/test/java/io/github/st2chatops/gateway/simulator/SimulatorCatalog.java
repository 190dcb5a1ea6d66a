package io.github.st2chatops.gateway.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the simulated st2 has installed: aliases, the actions they run, their runners, and
 * for each action a template of what it returns. Loaded from
 * {@code src/test/resources/simulator/} (see the README there).
 */
final class SimulatorCatalog {

	private static final String ROOT = "/simulator/";

	private final List<Map<String, Object>> aliases = new CopyOnWriteArrayList<>();

	private final Map<String, Map<String, Object>> actions = new ConcurrentHashMap<>();

	private final Map<String, Map<String, Object>> runners = new ConcurrentHashMap<>();

	private final String defaultResultTemplate;

	private SimulatorCatalog(List<Map<String, Object>> aliases, List<Map<String, Object>> actions,
			List<Map<String, Object>> runners, String defaultResultTemplate) {
		this.aliases.addAll(aliases);
		actions.forEach((action) -> this.actions.put((String) action.get("ref"), action));
		runners.forEach((runner) -> this.runners.put((String) runner.get("name"), runner));
		this.defaultResultTemplate = defaultResultTemplate;
	}

	static SimulatorCatalog sample() {
		return new SimulatorCatalog(readList("aliases.json"), readList("actions.json"), readList("runners.json"),
				read("default.j2"));
	}

	/** Back to the sample aliases and actions, without any added since. */
	void reset() {
		SimulatorCatalog sample = sample();
		this.aliases.clear();
		this.aliases.addAll(sample.aliases);
		this.actions.clear();
		this.actions.putAll(sample.actions);
	}

	List<Map<String, Object>> aliases() {
		return List.copyOf(this.aliases);
	}

	/**
	 * Adds aliases as st2 would after {@code st2ctl reload}; an alias whose action is
	 * unknown gets a stand-in action without parameters.
	 */
	void addAliases(List<Map<String, Object>> added) {
		for (Map<String, Object> alias : added) {
			Map<String, Object> copy = new LinkedHashMap<>(alias);
			String pack = (String) copy.get("pack");
			String name = (String) copy.get("name");
			copy.putIfAbsent("id", St2Ids.objectId());
			copy.putIfAbsent("ref", pack + "." + name);
			copy.putIfAbsent("uid", "action_alias:" + pack + ":" + name);
			copy.putIfAbsent("enabled", true);
			copy.putIfAbsent("ack", new LinkedHashMap<>());
			copy.putIfAbsent("result", new LinkedHashMap<>());
			copy.putIfAbsent("extra", new LinkedHashMap<>());
			copy.putIfAbsent("immutable_parameters", new LinkedHashMap<>());
			this.aliases.removeIf((existing) -> existing.get("ref").equals(copy.get("ref")));
			this.aliases.add(copy);
			String actionRef = (String) copy.get("action_ref");
			if (actionRef != null && !this.actions.containsKey(actionRef)) {
				this.actions.put(actionRef, standInAction(actionRef));
			}
		}
	}

	private static Map<String, Object> standInAction(String ref) {
		int dot = ref.indexOf('.');
		Map<String, Object> action = new LinkedHashMap<>();
		action.put("id", St2Ids.objectId());
		action.put("uid", "action:" + ref.substring(0, dot) + ":" + ref.substring(dot + 1));
		action.put("ref", ref);
		action.put("name", ref.substring(dot + 1));
		action.put("pack", ref.substring(0, dot));
		action.put("description", "Stand-in action of the simulated st2");
		action.put("enabled", true);
		action.put("entry_point", "");
		action.put("runner_type", "python-script");
		action.put("parameters", new LinkedHashMap<>());
		return action;
	}

	Optional<Map<String, Object>> aliasByName(String name) {
		return this.aliases.stream().filter((alias) -> name.equals(alias.get("name"))).findFirst();
	}

	Optional<Map<String, Object>> aliasByRefOrId(String refOrId) {
		// st2: a reference contains a dot, an id cannot
		String field = refOrId.contains(".") ? "ref" : "id";
		return this.aliases.stream().filter((alias) -> refOrId.equals(alias.get(field))).findFirst();
	}

	Optional<Map<String, Object>> action(String ref) {
		return Optional.ofNullable(this.actions.get(ref));
	}

	Map<String, Object> runner(String name) {
		Map<String, Object> runner = this.runners.get(name);
		if (runner != null) {
			return runner;
		}
		Map<String, Object> standIn = new LinkedHashMap<>();
		standIn.put("name", name);
		standIn.put("enabled", true);
		standIn.put("runner_parameters", new LinkedHashMap<>());
		return standIn;
	}

	String defaultResultTemplate() {
		return this.defaultResultTemplate;
	}

	Optional<String> resultTemplate(String actionRef) {
		return Optional.ofNullable(readOrNull("results/" + actionRef + ".json.j2"));
	}

	private static List<Map<String, Object>> readList(String name) {
		List<Map<String, Object>> items = JsonMapper.shared().readValue(read(name), new TypeReference<>() {
		});
		return new ArrayList<>(items);
	}

	private static String read(String name) {
		String content = readOrNull(name);
		if (content == null) {
			throw new IllegalStateException("Missing classpath resource " + ROOT + name);
		}
		return content;
	}

	private static String readOrNull(String name) {
		try (InputStream in = SimulatorCatalog.class.getResourceAsStream(ROOT + name)) {
			return (in != null) ? new String(in.readAllBytes(), StandardCharsets.UTF_8) : null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
