package io.github.st2chatops.gateway.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import io.github.st2chatops.gateway.simulator.St2Backend.St2Error;
import io.github.st2chatops.gateway.simulator.St2Backend.St2Request;
import io.github.st2chatops.gateway.simulator.St2Backend.St2Response;

/**
 * The WireMock extension that answers the simulator's stubs: each stub names an
 * {@code operation} and this hands the request to {@link St2Backend}, adding what st2's
 * middleware adds ({@code X-Request-ID}, {@code faultstring} errors).
 */
final class St2Transformer implements ResponseDefinitionTransformerV2 {

	static final String NAME = "st2-simulator";

	static final String OPERATION = "operation";

	private static final Logger logger = LoggerFactory.getLogger(St2Transformer.class);

	private final St2Backend backend;

	private final St2Stubs stubs;

	St2Transformer(St2Backend backend, St2Stubs stubs) {
		this.backend = backend;
		this.stubs = stubs;
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	@Override
	public ResponseDefinition transform(ServeEvent serveEvent) {
		LoggedRequest request = serveEvent.getRequest();
		String operation = serveEvent.getTransformerParameters().getString(OPERATION);
		String requestId = (request.getHeader("X-Request-ID") != null) ? request.getHeader("X-Request-ID")
				: UUID.randomUUID().toString();
		St2Response response;
		try {
			response = handle(operation, request);
		}
		catch (St2Error ex) {
			response = ex.response();
		}
		catch (RuntimeException ex) {
			logger.error("The simulated st2 failed on {} {}", request.getMethod(), request.getUrl(), ex);
			response = new St2Error(500, "Internal Server Error").response();
		}
		ResponseDefinitionBuilder builder = ResponseDefinitionBuilder.responseDefinition()
			.withStatus(response.status())
			.withHeader("X-Request-ID", requestId);
		response.headers().forEach(builder::withHeader);
		if (response.body() instanceof String text) {
			builder.withBody(text);
		}
		else if (response.body() != null) {
			builder.withHeader("Content-Type", "application/json")
				.withBody(JsonMapper.shared().writeValueAsString(response.body()));
		}
		return builder.build();
	}

	private St2Response handle(String operation, LoggedRequest request) {
		St2Request st2Request = new St2Request(query(request), request::getHeader, request.getBodyAsString(),
				request.getScheme() + "://" + request.getHost() + ":" + request.getPort());
		return switch (operation) {
			case "createToken" -> this.backend.createToken(st2Request);
			case "listAliases" -> this.backend.listAliases(st2Request);
			case "getAlias" -> this.backend.getAlias(st2Request, lastSegment(request));
			case "executeAlias" -> this.backend.executeAlias(st2Request);
			case "getExecution" -> this.backend.getExecution(st2Request, lastSegment(request));
			case "configureGateway" -> configureGateway(st2Request);
			case "page" -> this.backend.page(st2Request);
			default -> throw new IllegalStateException("Unknown operation " + operation);
		};
	}

	// PUT /__simulator/gateway {"url", "relay_token", "route"?}: not st2, the simulator's
	// own
	private St2Response configureGateway(St2Request request) {
		Map<String, Object> body;
		try {
			body = JsonMapper.shared().readValue(request.body(), new TypeReference<>() {
			});
		}
		catch (JacksonException ex) {
			throw new St2Error(400, "Failed to parse request body: " + ex.getOriginalMessage());
		}
		if (body == null || !(body.get("url") instanceof String url)
				|| !(body.get("relay_token") instanceof String token)) {
			throw new St2Error(400, "'url' and 'relay_token' are required");
		}
		if (body.get("route") instanceof String route) {
			this.stubs.notificationRoute(route);
		}
		this.stubs.notifyGatewayAt(url, token);
		return new St2Response(204, null, Map.of());
	}

	private static Map<String, String> query(LoggedRequest request) {
		Map<String, String> query = new LinkedHashMap<>();
		Map<String, QueryParameter> parameters = request.getQueryParams();
		parameters.forEach((name, parameter) -> {
			if (parameter.isPresent() && !parameter.values().isEmpty()) {
				query.put(name, parameter.values().get(0));
			}
		});
		return query;
	}

	private static String lastSegment(LoggedRequest request) {
		String path = request.getUrl().split("\\?", 2)[0];
		return URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
	}

}
