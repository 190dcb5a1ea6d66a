package io.github.st2chatops.gateway.st2;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Retry decisions of {@link St2Client}, with a scripted {@link St2Api}.
 */
class St2ClientTests {

	private final St2Properties properties = new St2Properties(URI.create("https://st2.example.com"), null, null, null,
			"key", null, null, null, null, null, Duration.ofSeconds(1), Duration.ofSeconds(1), true, null, null, null,
			100, new St2Properties.Retry(2, Duration.ofMillis(1)));

	private final AtomicInteger executions = new AtomicInteger();

	private final Map<String, St2ExecutionLink> links = new HashMap<>();

	private St2Client client(RuntimeException... failures) {
		St2Api api = new ScriptedApi(failures);
		St2TokenProvider tokens = new St2TokenProvider(this.properties, null, java.time.Clock.systemUTC());
		return new St2Client(api, this.properties, tokens, null, CircuitBreaker.ofDefaults("st2"));
	}

	@Test
	void executeAliasWhenConnectionRefusedShouldRetry() {
		St2AliasExecution result = client(new ResourceAccessException("refused", new ConnectException("refused")))
			.executeAlias(St2ClientIntegrationTests.executionRequest());
		assertThat(result.message()).isEqualTo("ok");
		assertThat(this.executions).hasValue(2);
	}

	@Test
	void executeAliasWhenConnectionRefusedTooOftenShouldGiveUpReportingNotReached() {
		RuntimeException refused = new ResourceAccessException("refused", new ConnectException("refused"));
		assertThatExceptionOfType(St2UnavailableException.class)
			.isThrownBy(() -> client(refused, refused, refused, refused)
				.executeAlias(St2ClientIntegrationTests.executionRequest()))
			.satisfies((ex) -> assertThat(ex.requestMayHaveReachedSt2()).isFalse());
		assertThat(this.executions).hasValue(3);
	}

	@Test
	void executeAliasWhenTimedOutShouldNotRetry() {
		assertThatExceptionOfType(St2UnavailableException.class)
			.isThrownBy(() -> client(new ResourceAccessException("timeout", new HttpTimeoutException("timed out")))
				.executeAlias(St2ClientIntegrationTests.executionRequest()))
			.satisfies((ex) -> assertThat(ex.requestMayHaveReachedSt2()).isTrue());
		assertThat(this.executions).hasValue(1);
	}

	@Test
	void executeAliasWhen500ShouldNotRetryNorLeakTheBody() {
		HttpServerErrorException error = HttpServerErrorException.create(HttpStatus.INTERNAL_SERVER_ERROR, "x",
				HttpHeaders.EMPTY, "{\"faultstring\": \"Internal Server Error\"}".getBytes(), null);
		assertThatExceptionOfType(St2UnavailableException.class)
			.isThrownBy(() -> client(error).executeAlias(St2ClientIntegrationTests.executionRequest()))
			.withMessageContaining("Internal Server Error")
			.satisfies((ex) -> assertThat(ex.getCause()).isNull());
		assertThat(this.executions).hasValue(1);
	}

	@Test
	void executeAliasAsUserShouldSendTheUsersTokenAsAnArgument() {
		St2AliasExecution result = client().executeAlias(St2ClientIntegrationTests.executionRequest(),
				new St2Identity.User("alice", new St2AuthHeader(St2AuthHeader.AUTH_TOKEN, "alice-token")));
		assertThat(result.message()).isEqualTo("ok as alice-token");
	}

	@Test
	void executeAliasWhenUnmappedShouldRunNothing() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> client().executeAlias(St2ClientIntegrationTests.executionRequest(), new St2Identity.Unmapped()));
		assertThat(this.executions).hasValue(0);
	}

	@Test
	void respondToInquiryWhenTimedOutShouldNotAnswerTwice() {
		assertThatExceptionOfType(St2UnavailableException.class)
			.isThrownBy(() -> client(new ResourceAccessException("timeout", new HttpTimeoutException("timed out")))
				.respondToInquiry("i1", Map.of("approved", true), St2Identity.GATEWAY))
			.satisfies((ex) -> assertThat(ex.requestMayHaveReachedSt2()).isTrue());
		assertThat(this.executions).hasValue(1);
	}

	@Test
	void respondToInquiryAsUserShouldSendTheUsersTokenAndStsBody() {
		St2InquiryAnswer answer = client().respondToInquiry("i1", Map.of("approved", true),
				new St2Identity.User("alice", new St2AuthHeader(St2AuthHeader.AUTH_TOKEN, "alice-token")));
		assertThat(answer).isEqualTo(new St2InquiryAnswer("i1 as alice-token", Map.of("approved", true)));
	}

	@Test
	void inquiryOriginShouldFollowParentsToTheRootsChatAddress() {
		this.links.put("inquiry",
				new St2ExecutionLink("inquiry", "task", "2026-12-06T04:00:00.000000Z", Map.of(), Map.of()));
		this.links.put("task", new St2ExecutionLink("task", "root", null, Map.of(), Map.of()));
		Map<String, Object> sourceContext = Map.of("platform", "slack", "channel", "C1", "thread", "1.2");
		this.links.put("root", new St2ExecutionLink("root", null, null, Map.of("source_channel", "slack:C1"),
				Map.of("notify", Map.of("on_complete", Map.of("data", Map.of("source_context", sourceContext))))));
		St2InquiryOrigin origin = client().inquiryOrigin("inquiry");
		assertThat(origin.rootExecutionId()).isEqualTo("root");
		assertThat(origin.sourceChannel()).isEqualTo("slack:C1");
		assertThat(origin.sourceContext()).isEqualTo(sourceContext);
		assertThat(origin.started()).isEqualTo(java.time.Instant.parse("2026-12-06T04:00:00Z"));
	}

	@Test
	void inquiryOriginWhenStartedOutsideChatShouldHaveNoAddress() {
		this.links.put("inquiry", new St2ExecutionLink("inquiry", null, "bad time", null, null));
		St2InquiryOrigin origin = client().inquiryOrigin("inquiry");
		assertThat(origin.sourceChannel()).isNull();
		assertThat(origin.sourceContext()).isEmpty();
		assertThat(origin.started()).isNull();
	}

	private final class ScriptedApi implements St2Api {

		private final RuntimeException[] failures;

		ScriptedApi(RuntimeException[] failures) {
			this.failures = failures;
		}

		@Override
		public St2AliasExecution executeAlias(String requestId, St2AliasExecutionRequest request) {
			int call = St2ClientTests.this.executions.getAndIncrement();
			if (call < this.failures.length) {
				throw this.failures[call];
			}
			assertThat(request.notificationRoute()).isEqualTo("chatops-gateway");
			return new St2AliasExecution(null, null, "ok", null);
		}

		@Override
		public St2AliasExecution executeAliasAs(String requestId, String userToken, St2AliasExecutionRequest request) {
			St2ClientTests.this.executions.getAndIncrement();
			return new St2AliasExecution(null, null, "ok as " + userToken, null);
		}

		@Override
		public ResponseEntity<List<St2ActionAlias>> listActionAliases(String requestId, int limit, int offset) {
			throw new UnsupportedOperationException();
		}

		@Override
		public St2ActionAlias getActionAlias(String requestId, String ref) {
			throw new UnsupportedOperationException();
		}

		@Override
		public St2AliasMatch matchAlias(String requestId, St2AliasMatchRequest request) {
			throw new UnsupportedOperationException();
		}

		@Override
		public St2Execution getExecution(String requestId, String id) {
			throw new UnsupportedOperationException();
		}

		@Override
		public St2ExecutionLink getExecutionLink(String requestId, String id) {
			return St2ClientTests.this.links.get(id);
		}

		@Override
		public List<St2Inquiry> listInquiries(String requestId, String userToken, int limit) {
			throw new UnsupportedOperationException();
		}

		@Override
		public St2Inquiry getInquiry(String requestId, String userToken, String id) {
			throw new UnsupportedOperationException();
		}

		@Override
		public St2InquiryAnswer respondToInquiry(String requestId, String userToken, String id,
				St2InquiryAnswer answer) {
			int call = St2ClientTests.this.executions.getAndIncrement();
			if (call < this.failures.length) {
				throw this.failures[call];
			}
			return new St2InquiryAnswer(id + " as " + userToken, answer.response());
		}

	}

}
