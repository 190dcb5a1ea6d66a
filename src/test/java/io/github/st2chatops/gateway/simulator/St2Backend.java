package io.github.st2chatops.gateway.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the simulated st2 does for each API call, modelled on st2's controllers
 * ({@code st2auth} tokens, {@code st2api} action aliases, alias executions, executions)
 * and its router (authentication, {@code faultstring} errors). Independent of WireMock:
 * {@link St2Transformer} adapts it.
 */
final class St2Backend {

	private static final Logger logger = LoggerFactory.getLogger(St2Backend.class);

	private static final JsonMapper json = JsonMapper.shared();

	// st2's api.max_page_size; st2admin is an admin, so only the default matters
	private static final int DEFAULT_LIMIT = 100;

	private static final Set<String> ALIAS_EXECUTION_PROPERTIES = Set.of("name", "format", "command", "user",
			"source_channel", "source_context", "notification_channel", "notification_route");

	private final SimulatorSettings settings;

	private final SimulatorCatalog catalog;

	private final Map<String, IssuedToken> tokens = new ConcurrentHashMap<>();

	private final Map<String, SimulatedExecution> executions = Collections.synchronizedMap(new LinkedHashMap<>());

	private final Map<String, Map<String, Object>> executionDocuments = new ConcurrentHashMap<>();

	private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();

	private final Consumer<SimulatedExecution> scheduler;

	private volatile Duration completionDelay;

	/**
	 * @param settings the settings
	 * @param catalog what is installed
	 * @param scheduler told about each new execution, to complete it when its time comes
	 */
	St2Backend(SimulatorSettings settings, SimulatorCatalog catalog, Consumer<SimulatedExecution> scheduler) {
		this.settings = settings;
		this.catalog = catalog;
		this.scheduler = scheduler;
		this.completionDelay = settings.completionDelay();
	}

	/**
	 * An HTTP request as the backend needs it.
	 *
	 * @param query the query parameters (first value of each)
	 * @param headers a header by name, {@code null} when absent
	 * @param body the body, empty when none
	 * @param baseUrl the URL the request reached, without path (for {@code web_url})
	 */
	record St2Request(Map<String, String> query, UnaryOperator<String> headers, String body, String baseUrl) {

		String header(String name) {
			return this.headers.apply(name);
		}

	}

	/**
	 * An HTTP response: status, JSON body, extra headers.
	 */
	record St2Response(int status, Object body, Map<String, String> headers) {

		static St2Response of(int status, Object body) {
			return new St2Response(status, body, Map.of());
		}

	}

	/** st2's error answer: a status and a {@code faultstring}. */
	static final class St2Error extends RuntimeException {

		private final int status;

		St2Error(int status, String faultstring) {
			super(faultstring);
			this.status = status;
		}

		St2Response response() {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("faultstring", getMessage());
			return St2Response.of(this.status, body);
		}

	}

	record IssuedToken(String id, String user, String token, Instant expiry) {

	}

	/**
	 * A result a test wants instead of the action's result template.
	 */
	record Outcome(String status, Object result) {

	}

	// POST /auth/v1/tokens (st2auth StandaloneAuthHandler)

	St2Response createToken(St2Request request) {
		String authorization = request.header("Authorization");
		if (authorization == null || !authorization.contains(" ")) {
			throw invalidCredentials();
		}
		String[] parts = authorization.split(" ", 2);
		if (!parts[0].equalsIgnoreCase("basic")) {
			throw invalidCredentials();
		}
		String decoded;
		try {
			decoded = new String(Base64.getDecoder().decode(parts[1].strip()), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw invalidCredentials();
		}
		int colon = decoded.indexOf(':');
		if (colon < 0 || !matches(decoded.substring(0, colon), this.settings.username())
				|| !matches(decoded.substring(colon + 1), this.settings.password())) {
			throw invalidCredentials();
		}
		long maxTtl = this.settings.tokenTtl().toSeconds();
		long ttl = maxTtl;
		Map<String, Object> body = parseBody(request.body());
		if (body.get("ttl") instanceof Number requested && requested.longValue() > 0) {
			if (requested.longValue() > maxTtl) {
				throw new St2Error(400, "TTL specified " + requested + " is greater than max allowed " + maxTtl + ".");
			}
			ttl = requested.longValue();
		}
		IssuedToken token = new IssuedToken(St2Ids.objectId(), this.settings.username(), St2Ids.token(),
				Instant.now().plusSeconds(ttl));
		this.tokens.put(token.token(), token);
		logger.info("Issued a token to {}, valid until {}", token.user(), St2Ids.timestamp(token.expiry()));
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("user", token.user());
		document.put("token", token.token());
		document.put("expiry", St2Ids.timestamp(token.expiry()));
		document.put("id", token.id());
		document.put("metadata", new LinkedHashMap<>());
		document.put("service", false);
		return new St2Response(201, document, Map.of("X-API-URL", request.baseUrl() + "/api"));
	}

	private static St2Error invalidCredentials() {
		return new St2Error(401, "Invalid or missing credentials");
	}

	private static boolean matches(String presented, String expected) {
		return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
				expected.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Makes every issued token unknown, as when st2's database is reset, so clients must
	 * authenticate again.
	 */
	void revokeTokens() {
		this.tokens.clear();
	}

	// st2common router: the first credential present decides, in the spec's order

	String authenticate(St2Request request) {
		String token = firstNonEmpty(request.header("X-Auth-Token"), request.query().get("x-auth-token"));
		if (token != null) {
			IssuedToken issued = this.tokens.get(token);
			if (issued == null) {
				// TokenNotFoundError has no message, so st2 says just this
				throw new St2Error(401, "Unauthorized");
			}
			if (!Instant.now().isBefore(issued.expiry())) {
				throw new St2Error(401, "Unauthorized - Token has expired.");
			}
			return issued.user();
		}
		String apiKey = firstNonEmpty(request.header("St2-Api-Key"), request.query().get("st2-api-key"));
		if (apiKey != null) {
			if (!matches(apiKey, this.settings.apiKey())) {
				throw new St2Error(401, "Unauthorized - ApiKey with key_hash=" + st2KeyHash(apiKey) + " not found.");
			}
			return this.settings.username();
		}
		throw new St2Error(401, "Unauthorized - One of Token or API key required.");
	}

	// st2common/util/hash.py: sha512 of a fixed salt and the key
	private static String st2KeyHash(String apiKey) {
		try {
			MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
			sha512.update("saltnpepper".getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(sha512.digest(apiKey.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String firstNonEmpty(String first, String second) {
		if (first != null && !first.isEmpty()) {
			return first;
		}
		return (second != null && !second.isEmpty()) ? second : null;
	}

	// GET /api/v1/actionalias (ResourceController._get_all)

	St2Response listAliases(St2Request request) {
		authenticate(request);
		long offset = integerParameter(request, "offset", 0);
		long limit = integerParameter(request, "limit", DEFAULT_LIMIT);
		if (offset >= (1L << 31)) {
			throw new St2Error(400, "Offset \"" + offset + "\" specified is more than 32-bit int");
		}
		if (limit == 0) {
			throw new St2Error(400, "Limit, \"0\" specified, must be a positive number or -1 for full result set.");
		}
		if (limit <= -2) {
			throw new St2Error(400, "Limit, \"" + limit + "\" specified, must be a positive number.");
		}
		List<Map<String, Object>> aliases = new ArrayList<>(this.catalog.aliases());
		String name = request.query().get("name");
		String pack = request.query().get("pack");
		aliases.removeIf((alias) -> (name != null && !name.isEmpty() && !name.equals(alias.get("name")))
				|| (pack != null && !pack.isEmpty() && !pack.equals(alias.get("pack"))));
		// the controller's default sort
		aliases.sort((a, b) -> {
			int byPack = String.valueOf(a.get("pack")).compareTo(String.valueOf(b.get("pack")));
			return (byPack != 0) ? byPack : String.valueOf(a.get("name")).compareTo(String.valueOf(b.get("name")));
		});
		int from = (int) Math.min(offset, aliases.size());
		int to = (limit == -1) ? aliases.size() : (int) Math.min(aliases.size(), from + limit);
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("X-Total-Count", String.valueOf(aliases.size()));
		if (limit != -1) {
			// limit=-1 is "all", which st2 turns into 0 and then leaves the header out
			headers.put("X-Limit", String.valueOf(limit));
		}
		return new St2Response(200, new ArrayList<>(aliases.subList(from, to)), headers);
	}

	private static long integerParameter(St2Request request, String name, long fallback) {
		String value = request.query().get(name);
		if (value == null || value.isEmpty()) {
			return fallback;
		}
		if (!value.matches("^-?[0-9]+$")) {
			throw new St2Error(400, "Parameter \"" + name + "\" is not of type integer");
		}
		return Long.parseLong(value);
	}

	// GET /api/v1/actionalias/{ref_or_id} (ContentPackResourceController._get_one)

	St2Response getAlias(St2Request request, String refOrId) {
		authenticate(request);
		return this.catalog.aliasByRefOrId(refOrId)
			.map((alias) -> St2Response.of(200, alias))
			.orElseThrow(() -> new St2Error(404, "Resource with a reference or id \"" + refOrId + "\" not found"));
	}

	// POST /api/v1/aliasexecution (ActionAliasExecutionController.post)

	St2Response executeAlias(St2Request request) {
		String requester = authenticate(request);
		Map<String, Object> payload = validateAliasExecution(parseBody(request.body()));
		String aliasName = (String) payload.get("name");
		if (aliasName.isEmpty()) {
			throw new St2Error(400, "Alias execution \"name\" is required");
		}
		Map<String, Object> alias = this.catalog.aliasByName(aliasName)
			.orElseThrow(() -> new St2Error(404, "Unable to identify action alias with name \"" + aliasName + "\"."));
		if (Boolean.FALSE.equals(alias.get("enabled"))) {
			throw new St2Error(400, "Action alias with name \"" + aliasName + "\" is disabled.");
		}
		String format = (String) payload.getOrDefault("format", "");
		String command = (String) payload.getOrDefault("command", "");
		if (!formatStrings(alias).contains(format)) {
			throw new St2Error(400,
					"Format string \"" + format + "\" is not available on the alias \"" + alias.get("name") + "\"");
		}
		Map<String, Object> parameters;
		try {
			parameters = new LinkedHashMap<>(AliasFormatParser.extractParameters(format, command));
		}
		catch (IllegalArgumentException ex) {
			throw new St2Error(400, ex.getMessage());
		}
		Map<String, Object> context = new LinkedHashMap<>();
		context.put("action_alias_ref", Map.of("id", alias.get("id"), "name", alias.get("name")));
		context.put("api_user", payload.get("user"));
		context.put("user", requester);
		context.put("source_channel", payload.get("source_channel"));
		injectImmutableParameters(alias, parameters, context);

		String actionRef = (String) alias.get("action_ref");
		// raised before st2's try block, so the error handler answers 404
		Map<String, Object> action = this.catalog.action(actionRef)
			.orElseThrow(() -> new St2Error(404, "Action with ref \"" + actionRef + "\" not found "));
		Map<String, Object> runner = this.catalog.runner((String) action.get("runner_type"));
		castParameters(parameters, action, runner);
		if (Boolean.FALSE.equals(action.get("enabled"))) {
			throw new St2Error(400, "Unable to execute. Action \"" + actionRef + "\" is disabled.");
		}
		validateParameters(parameters, action, runner);
		context.put("pack", action.get("pack"));

		Instant now = Instant.now();
		String id = St2Ids.objectId();
		@SuppressWarnings("unchecked")
		Map<String, Object> sourceContext = (Map<String, Object>) payload.get("source_context");
		String route = firstNonEmpty((String) payload.get("notification_route"),
				(String) payload.get("notification_channel"));
		Map<String, Object> document = newExecutionDocument(id, action, runner, parameters, context, route, payload,
				now, webUrl(request, id));
		Outcome outcome = outcome(actionRef, runner, document);
		SimulatedExecution execution = new SimulatedExecution(id, (String) alias.get("ref"), actionRef, format, command,
				(String) payload.get("user"), requester, (String) payload.get("source_channel"), sourceContext, route,
				Collections.unmodifiableMap(new LinkedHashMap<>(parameters)), now, now.plus(this.completionDelay),
				outcome.status(), outcome.result());
		this.executionDocuments.put(id, document);
		this.executions.put(id, execution);
		logger.info("Execution {} of {} ({}) requested by {} in {}: {}", id, execution.aliasRef(), actionRef,
				execution.user(), execution.sourceChannel(), parameters);

		Map<String, Object> response = new LinkedHashMap<>();
		response.put("execution", executionDocument(id, now));
		response.put("actionalias", alias);
		ack(alias, response);
		this.scheduler.accept(execution);
		return St2Response.of(201, response);
	}

	private Map<String, Object> validateAliasExecution(Map<String, Object> payload) {
		List<String> unexpected = payload.keySet()
			.stream()
			.filter((key) -> !ALIAS_EXECUTION_PROPERTIES.contains(key))
			.toList();
		if (!unexpected.isEmpty()) {
			String names = String.join(", ", unexpected.stream().map(JinjaValues::repr).toList());
			throw new St2Error(400, "Additional properties are not allowed (" + names
					+ ((unexpected.size() == 1) ? " was" : " were") + " unexpected)");
		}
		for (String required : List.of("name", "format", "command", "source_channel")) {
			if (!payload.containsKey(required)) {
				throw new St2Error(400, "'" + required + "' is a required property");
			}
		}
		for (String property : List.of("name", "format", "command", "user", "source_channel", "notification_channel",
				"notification_route")) {
			Object value = payload.get(property);
			if (payload.containsKey(property) && !(value instanceof String)) {
				throw new St2Error(400, JinjaValues.repr(value) + " is not of type 'string'");
			}
		}
		if (payload.containsKey("source_context") && !(payload.get("source_context") instanceof Map)) {
			throw new St2Error(400, JinjaValues.repr(payload.get("source_context")) + " is not of type 'object'");
		}
		Map<String, Object> cleaned = new LinkedHashMap<>(payload);
		// the schema's default, which validate(use_default=True) fills in
		cleaned.putIfAbsent("user", "channel");
		return cleaned;
	}

	// ActionAliasDB.get_format_strings
	private static List<Object> formatStrings(Map<String, Object> alias) {
		List<Object> strings = new ArrayList<>();
		for (Object format : asList(alias.get("formats"))) {
			if (format instanceof Map<?, ?> map && map.get("representation") instanceof List<?> representations
					&& !representations.isEmpty()) {
				strings.addAll(representations);
			}
			else {
				strings.add(format);
			}
		}
		return strings;
	}

	private void injectImmutableParameters(Map<String, Object> alias, Map<String, Object> parameters,
			Map<String, Object> context) {
		Map<String, Object> immutable = asMap(alias.get("immutable_parameters"));
		if (immutable == null || immutable.isEmpty()) {
			return;
		}
		List<String> overridden = immutable.keySet().stream().filter(parameters::containsKey).toList();
		Map<String, Object> rendered = St2Jinja.renderValues(immutable, context);
		if (!overridden.isEmpty()) {
			throw new St2Error(400, "Immutable arguments cannot be overriden: " + String.join(",", overridden));
		}
		parameters.putAll(rendered);
	}

	// action_param_utils.cast_params with aliasexecution's CAST_OVERRIDES for arrays
	private static void castParameters(Map<String, Object> parameters, Map<String, Object> action,
			Map<String, Object> runner) {
		Map<String, Object> schemas = parameterSchemas(action, runner);
		for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
			Map<String, Object> schema = asMap(schemas.get(parameter.getKey()));
			if (schema == null || !(schema.get("type") instanceof String type)) {
				continue;
			}
			Object value = parameter.getValue();
			try {
				parameter.setValue(St2Casts.cast(type, value));
			}
			catch (IllegalArgumentException ex) {
				throw new St2Error(400, "Failed to cast value \"" + JinjaValues.str(value, false) + "\" (type: "
						+ JinjaValues.typeName(value) + ") for parameter \"" + parameter.getKey() + "\" of type \""
						+ type + "\": " + ex.getMessage() + ". Perhaps the value is of an invalid type?");
			}
		}
	}

	// action_service.create_request: required parameters, then immutable ones
	private static void validateParameters(Map<String, Object> parameters, Map<String, Object> action,
			Map<String, Object> runner) {
		Map<String, Object> schemas = parameterSchemas(action, runner);
		List<String> immutable = new ArrayList<>();
		for (Map.Entry<String, Object> entry : schemas.entrySet()) {
			Map<String, Object> schema = asMap(entry.getValue());
			if (schema == null) {
				continue;
			}
			if (Boolean.TRUE.equals(schema.get("required")) && !schema.containsKey("default")
					&& parameters.get(entry.getKey()) == null) {
				// jsonschema's message; st2 appends the schema it failed, left out here
				throw new St2Error(400, "'" + entry.getKey() + "' is a required property");
			}
		}
		for (Map<String, Object> owner : List.of(action, runner)) {
			Map<String, Object> ownerSchemas = asMap(owner.get(owner == action ? "parameters" : "runner_parameters"));
			if (ownerSchemas != null) {
				ownerSchemas.forEach((name, schema) -> {
					if (Boolean.TRUE.equals(asMap(schema).get("immutable"))) {
						immutable.add(name);
					}
				});
			}
		}
		List<Object> overridden = new ArrayList<>(parameters.keySet().stream().filter(immutable::contains).toList());
		if (!overridden.isEmpty()) {
			throw new St2Error(400,
					"Override of immutable parameter(s) " + JinjaValues.repr(overridden) + " is unsupported.");
		}
	}

	private static Map<String, Object> parameterSchemas(Map<String, Object> action, Map<String, Object> runner) {
		Map<String, Object> schemas = new LinkedHashMap<>();
		Map<String, Object> runnerParameters = asMap(runner.get("runner_parameters"));
		if (runnerParameters != null) {
			schemas.putAll(runnerParameters);
		}
		Map<String, Object> actionParameters = asMap(action.get("parameters"));
		if (actionParameters != null) {
			actionParameters.forEach((name, schema) -> {
				Map<String, Object> merged = new LinkedHashMap<>();
				Map<String, Object> base = asMap(schemas.get(name));
				if (base != null) {
					merged.putAll(base);
				}
				merged.putAll(asMap(schema));
				schemas.put(name, merged);
			});
		}
		return schemas;
	}

	private String webUrl(St2Request request, String id) {
		String base = (this.settings.webUrl() != null) ? this.settings.webUrl() : request.baseUrl();
		return base + "/#/history/" + id + "/general";
	}

	private Map<String, Object> newExecutionDocument(String id, Map<String, Object> action, Map<String, Object> runner,
			Map<String, Object> parameters, Map<String, Object> context, String route, Map<String, Object> payload,
			Instant now, String webUrl) {
		Map<String, Object> notifyData = new LinkedHashMap<>();
		notifyData.put("user", payload.get("user"));
		notifyData.put("source_channel", payload.get("source_channel"));
		notifyData.put("source_context", payload.get("source_context"));
		Map<String, Object> onComplete = new LinkedHashMap<>();
		onComplete.put("routes", Collections.singletonList(route));
		onComplete.put("data", notifyData);
		Map<String, Object> liveaction = new LinkedHashMap<>();
		liveaction.put("id", St2Ids.objectId());
		liveaction.put("action", action.get("ref"));
		liveaction.put("action_is_workflow", "orquesta".equals(action.get("runner_type")));
		liveaction.put("callback", new LinkedHashMap<>());
		liveaction.put("context", context);
		liveaction.put("notify", Map.of("on_complete", onComplete));
		liveaction.put("parameters", parameters);
		liveaction.put("runner_info", new LinkedHashMap<>());
		liveaction.put("start_timestamp", St2Ids.timestamp(now));
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("id", id);
		document.put("action", action);
		document.put("runner", runner);
		document.put("liveaction", liveaction);
		document.put("status", "requested");
		document.put("start_timestamp", St2Ids.timestamp(now));
		document.put("parameters", parameters);
		document.put("context", context);
		document.put("web_url", webUrl);
		return document;
	}

	/**
	 * The execution as {@code GET /api/v1/executions/{id}} returns it at a moment
	 * (ActionExecutionAPI.from_model leaves out empty fields).
	 */
	Map<String, Object> executionDocument(String id, Instant now) {
		SimulatedExecution execution = this.executions.get(id);
		Map<String, Object> base = this.executionDocuments.get(id);
		if (execution == null || base == null) {
			return null;
		}
		boolean justRequested = !now.isAfter(execution.requestedAt());
		String status = justRequested ? "requested" : execution.statusAt(now);
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("id", id);
		document.put("action", base.get("action"));
		document.put("runner", base.get("runner"));
		Map<String, Object> liveaction = new LinkedHashMap<>(asMap(base.get("liveaction")));
		liveaction.put("status", status);
		document.put("liveaction", liveaction);
		document.put("status", status);
		document.put("start_timestamp", base.get("start_timestamp"));
		boolean completed = !now.isBefore(execution.completesAt());
		if (completed) {
			document.put("end_timestamp", St2Ids.timestamp(execution.completesAt()));
			document.put("elapsed_seconds", St2Ids.elapsedSeconds(execution.requestedAt(), execution.completesAt()));
		}
		if (!asMap(base.get("parameters")).isEmpty()) {
			document.put("parameters", base.get("parameters"));
		}
		if (completed && JinjaValues.truthy(execution.result(), false)) {
			document.put("result", execution.result());
			document.put("result_size", json.writeValueAsString(execution.result()).length());
		}
		document.put("context", base.get("context"));
		document.put("log", log(execution, status, now));
		document.put("web_url", base.get("web_url"));
		return document;
	}

	private static List<Map<String, Object>> log(SimulatedExecution execution, String status, Instant now) {
		List<Map<String, Object>> log = new ArrayList<>();
		log.add(logEntry("requested", execution.requestedAt()));
		if (!status.equals("requested")) {
			log.add(logEntry("scheduled", execution.requestedAt()));
			log.add(logEntry("running", execution.requestedAt()));
		}
		if (!now.isBefore(execution.completesAt())) {
			log.add(logEntry(execution.outcome(), execution.completesAt()));
		}
		return log;
	}

	private static Map<String, Object> logEntry(String status, Instant at) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("status", status);
		entry.put("timestamp", St2Ids.timestamp(at));
		return entry;
	}

	private Outcome outcome(String actionRef, Map<String, Object> runner, Map<String, Object> document) {
		Outcome override = this.outcomes.get(actionRef);
		if (override != null) {
			return override;
		}
		Optional<String> template = this.catalog.resultTemplate(actionRef);
		if (template.isEmpty()) {
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("exit_code", 0);
			result.put("result", null);
			result.put("stderr", "");
			result.put("stdout", "");
			return new Outcome("succeeded", result);
		}
		try {
			String rendered = JinjaTemplate.render(template.get(), Map.of("execution", document), false);
			Object result = json.readValue(rendered, Object.class);
			return new Outcome(statusOf((String) runner.get("name"), result), result);
		}
		catch (JinjaException | JacksonException ex) {
			logger.warn("Result template of {} failed: {}", actionRef, ex.getMessage());
			return new Outcome("failed", Map.of("error", String.valueOf(ex.getMessage())));
		}
	}

	// what each runner reports, roughly: a shell's "succeeded", a workflow's errors, a
	// script's exit code, every host of a remote command
	private static String statusOf(String runner, Object result) {
		if (!(result instanceof Map<?, ?> map)) {
			return "succeeded";
		}
		if (map.get("succeeded") instanceof Boolean succeeded) {
			return succeeded ? "succeeded" : "failed";
		}
		if (map.get("errors") instanceof List<?> errors && !errors.isEmpty()) {
			return "failed";
		}
		if (map.get("exit_code") instanceof Number exitCode) {
			return (exitCode.intValue() == 0) ? "succeeded" : "failed";
		}
		if ("remote-shell-cmd".equals(runner) && !map.isEmpty()) {
			boolean all = map.values()
				.stream()
				.allMatch((host) -> host instanceof Map<?, ?> h && Boolean.TRUE.equals(h.get("succeeded")));
			return all ? "succeeded" : "failed";
		}
		return "succeeded";
	}

	void setCompletionDelay(Duration completionDelay) {
		this.completionDelay = completionDelay;
	}

	void setOutcome(String actionRef, String status, Object result) {
		this.outcomes.put(actionRef, new Outcome(status, result));
	}

	// aliasexecution: message from ack.format, extra from ack.extra, rendered strictly
	private static void ack(Map<String, Object> alias, Map<String, Object> response) {
		Map<String, Object> ack = asMap(alias.get("ack"));
		if (ack == null || ack.isEmpty()) {
			return;
		}
		Map<String, Object> context = new LinkedHashMap<>(response);
		if (ack.containsKey("format")) {
			try {
				response.put("message",
						St2Jinja.renderValues(Map.of("alias", ack.get("format")), context).get("alias"));
			}
			catch (JinjaException ex) {
				response.put("message", "Cannot render \"format\" in field \"ack\" for alias. " + ex.getMessage());
			}
		}
		if (ack.containsKey("extra")) {
			try {
				response.put("extra", St2Jinja.renderValues(asMap(ack.get("extra")), context));
			}
			catch (JinjaException ex) {
				response.put("extra", "Cannot render \"extra\" in field \"ack\" for alias. " + ex.getMessage());
			}
		}
	}

	// GET /: where st2's web UI would be, which web_url links to

	St2Response page(St2Request request) {
		return new St2Response(200, SimulatorPage.html(request.baseUrl(), this.settings.apiKey()),
				Map.of("Content-Type", "text/html; charset=utf-8"));
	}

	// GET /api/v1/executions/{id}

	St2Response getExecution(St2Request request, String id) {
		authenticate(request);
		Map<String, Object> document = executionDocument(id, Instant.now());
		if (document == null) {
			throw new St2Error(404, "Unable to identify resource with id \"" + id + "\".");
		}
		return St2Response.of(200, document);
	}

	List<SimulatedExecution> executions() {
		synchronized (this.executions) {
			return List.copyOf(this.executions.values());
		}
	}

	Optional<SimulatedExecution> execution(String id) {
		return Optional.ofNullable(this.executions.get(id));
	}

	Optional<Map<String, Object>> alias(String refOrId) {
		return this.catalog.aliasByRefOrId(refOrId);
	}

	void reset() {
		this.tokens.clear();
		this.executions.clear();
		this.executionDocuments.clear();
		this.outcomes.clear();
		this.completionDelay = this.settings.completionDelay();
	}

	private static Map<String, Object> parseBody(String body) {
		if (body == null || body.isBlank()) {
			return new LinkedHashMap<>();
		}
		Object parsed;
		try {
			parsed = json.readValue(body, Object.class);
		}
		catch (JacksonException ex) {
			throw new St2Error(400, "Failed to parse request body: " + ex.getOriginalMessage());
		}
		if (!(parsed instanceof Map)) {
			throw new St2Error(400, JinjaValues.repr(parsed) + " is not of type 'object'");
		}
		return asMap(parsed);
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> asMap(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	static List<Object> asList(Object value) {
		return (value != null) ? (List<Object>) value : List.of();
	}

}
