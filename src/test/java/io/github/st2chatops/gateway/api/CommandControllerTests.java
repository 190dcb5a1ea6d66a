package io.github.st2chatops.gateway.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.github.st2chatops.gateway.alias.AliasDefinition;
import io.github.st2chatops.gateway.alias.TestCatalogs;
import io.github.st2chatops.gateway.command.CommandService;
import io.github.st2chatops.gateway.command.TestCommandServices;
import io.github.st2chatops.gateway.st2.St2AliasExecution;
import io.github.st2chatops.gateway.st2.St2AliasExecutionRequest;
import io.github.st2chatops.gateway.st2.St2Execution;
import io.github.st2chatops.gateway.st2.St2Identity;
import io.github.st2chatops.gateway.st2.St2NotFoundException;
import io.github.st2chatops.gateway.st2.St2UnavailableException;
import io.github.st2chatops.gateway.support.UnscriptedSt2;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The REST API controllers' failure paths, as problem details: a slice with the real
 * pipeline over a scripted st2 (no HTTP to st2, no chat platform), where nothing may run
 * when a request is refused.
 */
@WebMvcTest(controllers = { CommandController.class, ExecutionController.class },
		properties = { "gateway.st2.url=http://st2.invalid", "gateway.st2.api-key=k",
				"gateway.api.keys.ci.token=ci-secret-token", "gateway.api.keys.ci.user=ci" })
@Import(CommandControllerTests.Pipeline.class)
class CommandControllerTests {

	private static final String EXECUTION_ID = "5f1d2e3c4b5a697887766554";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private ScriptedSt2 st2;

	@BeforeEach
	void reset() {
		this.st2.calls.clear();
		this.st2.executionFailure = null;
	}

	@Test
	void runWithoutAnApiKeyShouldBe401AndRunNothing() throws Exception {
		this.mvc.perform(post("/api/v1/commands").contentType(MediaType.APPLICATION_JSON).content("{\"text\": \"x\"}"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", "Bearer realm=\"st2-chatops-gateway\""))
			.andExpect(jsonPath("$.type").value("urn:st2-chatops-gateway:problem:unauthorized"));
		assertThat(this.st2.calls).isEmpty();
	}

	@Test
	void runOnAChannelOfAnUnknownPlatformShouldBe400AndRunNothing() throws Exception {
		this.mvc.perform(authorized(post("/api/v1/commands"), "{\"text\": \"status web1\", \"channel\": \"irc:ops\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(header().string("Content-Type", "application/problem+json"))
			.andExpect(jsonPath("$.type").value("urn:st2-chatops-gateway:problem:invalid-request"))
			.andExpect(jsonPath("$.detail").value(containsString("'irc'")))
			.andExpect(jsonPath("$.detail").value(containsString("nothing ran")));
		assertThat(this.st2.calls).isEmpty();
	}

	@Test
	void dryRunOnAChannelOfAnUnconfiguredPlatformShouldBe400() throws Exception {
		this.mvc
			.perform(authorized(post("/api/v1/commands/match"),
					"{\"text\": \"status web1\", \"channel\": \"slack:C1\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:st2-chatops-gateway:problem:invalid-request"))
			.andExpect(jsonPath("$.detail").value(containsString("'slack'")));
	}

	@Test
	void runOnAChannelOfAServedPlatformShouldRun() throws Exception {
		this.mvc
			.perform(authorized(post("/api/v1/commands"), "{\"text\": \"status web1\", \"channel\": \"generic:ops\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.outcome").value("executed"));
		assertThat(this.st2.calls).containsExactly("identityOf generic:ci", "executeAlias generic:ops");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("refusedRequests")
	void refusedRequestShouldAnswerItsProblemAndAskSt2Nothing(String refusal, MockHttpServletRequestBuilder request,
			int status, String type) throws Exception {
		this.mvc.perform(request)
			.andExpect(status().is(status))
			.andExpect(jsonPath("$.type").value("urn:st2-chatops-gateway:problem:" + type));
		assertThat(this.st2.calls).isEmpty();
	}

	static Stream<Arguments> refusedRequests() {
		return Stream.of(
				arguments("a run with a malformed channel is 400",
						authorized(post("/api/v1/commands"), "{\"text\": \"status web1\", \"channel\": \"no-colon\"}"),
						400, "invalid-request"),
				arguments("a run as another user without any-user is 403",
						authorized(post("/api/v1/commands"), "{\"text\": \"status web1\", \"user\": \"mallory\"}"), 403,
						"forbidden"),
				arguments("a run with blank text is 400", authorized(post("/api/v1/commands"), "{\"text\": \" \"}"),
						400, "invalid-request"),
				arguments("an execution with a malformed id is 400", authorized(get("/api/v1/executions/nope")), 400,
						"invalid-request"));
	}

	@Test
	void executionSt2DoesNotKnowShouldBe404() throws Exception {
		this.st2.executionFailure = new St2NotFoundException("not found", "r1");
		this.mvc.perform(authorized(get("/api/v1/executions/" + EXECUTION_ID)))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value("urn:st2-chatops-gateway:problem:not-found"))
			.andExpect(jsonPath("$.detail").value("st2 has no execution " + EXECUTION_ID + "."));
	}

	@Test
	void executionWhileSt2IsDownShouldBe503WithRetryAfter() throws Exception {
		this.st2.executionFailure = new St2UnavailableException("connection refused", false, "r1", null);
		this.mvc.perform(authorized(get("/api/v1/executions/" + EXECUTION_ID)))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "30"))
			.andExpect(jsonPath("$.type").value("urn:st2-chatops-gateway:problem:unavailable"))
			.andExpect(jsonPath("$.detail").value("st2 is unavailable right now; try again later."));
	}

	private static MockHttpServletRequestBuilder authorized(MockHttpServletRequestBuilder request) {
		return request.header("Authorization", "Bearer ci-secret-token");
	}

	private static MockHttpServletRequestBuilder authorized(MockHttpServletRequestBuilder request, String json) {
		return authorized(request).contentType(MediaType.APPLICATION_JSON).content(json);
	}

	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ApiProperties.class)
	static class Pipeline {

		@Bean
		ScriptedSt2 scriptedSt2() {
			return new ScriptedSt2();
		}

		@Bean
		CommandService commandService(ScriptedSt2 st2) {
			return TestCommandServices.of(TestCatalogs.loaded(Instant.now(), new AliasDefinition("pack.status", "pack",
					"status", null, true, List.of("status {{host}}"), null, null)), st2, Set.of("generic", "api"));
		}

	}

	/**
	 * st2 as the REST API sees it, recording what it is asked.
	 */
	static class ScriptedSt2 extends UnscriptedSt2 {

		final List<String> calls = new ArrayList<>();

		RuntimeException executionFailure;

		@Override
		public St2Identity identityOf(String platform, String userId) {
			this.calls.add("identityOf " + platform + ":" + userId);
			return St2Identity.GATEWAY;
		}

		@Override
		public St2AliasExecution executeAlias(St2AliasExecutionRequest request, St2Identity identity) {
			this.calls.add("executeAlias " + request.sourceChannel());
			return new St2AliasExecution(
					new St2Execution("e1", "requested", null, null, null, null, null, null, null, null), null, null,
					null);
		}

		@Override
		public St2Execution getExecution(String id) {
			this.calls.add("getExecution " + id);
			if (this.executionFailure != null) {
				throw this.executionFailure;
			}
			return new St2Execution(id, "succeeded", null, null, null, null, null, null, null, null);
		}

	}

}
