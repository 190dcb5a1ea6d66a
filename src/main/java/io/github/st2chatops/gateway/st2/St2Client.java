package io.github.st2chatops.gateway.st2;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.http.ResponseEntity;

/**
 * The st2 operations the gateway needs, with st2's errors as {@link St2Exception}s, never
 * a {@code RestClientException}. Idempotent reads are retried with back-off; an alias
 * execution only when st2 provably did not receive it (connection refused). Every call
 * goes through the circuit breaker {@code st2}, which counts only
 * {@link St2UnavailableException}s as failures.
 */
public class St2Client implements St2Operations {

	/** st2's request id header: st2 echoes the one it is sent. */
	public static final String REQUEST_ID = "X-Request-ID";

	private static final Logger logger = LoggerFactory.getLogger(St2Client.class);

	private static final int MAX_PAGES = 10_000;

	private static final int MAX_INQUIRIES = 100;

	/**
	 * How far up a workflow's parents are followed: st2 nests workflows, never this deep.
	 */
	private static final int MAX_DEPTH = 20;

	private final St2Api api;

	private final St2Properties properties;

	private final CircuitBreaker circuitBreaker;

	private final St2ErrorTranslator errors;

	private final RetryTemplate readRetry;

	private final RetryTemplate executeRetry;

	private final St2Impersonation impersonation;

	St2Client(St2Api api, St2Properties properties, St2TokenProvider tokens, St2Impersonation impersonation,
			CircuitBreaker circuitBreaker) {
		this.api = api;
		this.impersonation = impersonation;
		this.properties = properties;
		this.circuitBreaker = circuitBreaker;
		this.errors = new St2ErrorTranslator(tokens::redact);
		this.readRetry = retryTemplate(properties.retry(), St2Client::isRetryableRead);
		this.executeRetry = retryTemplate(properties.retry(), St2Client::isRetryableExecution);
	}

	/**
	 * All action-aliases, read page by page
	 * ({@code GET /api/v1/actionalias?limit=&offset=}) until st2's {@code X-Total-Count}
	 * is reached.
	 * @return the aliases in st2's order (pack, name)
	 * @throws St2Exception when st2 fails
	 */
	@Override
	public List<St2ActionAlias> listActionAliases() {
		int pageSize = this.properties.pageSize();
		Map<String, St2ActionAlias> aliases = new LinkedHashMap<>();
		int offset = 0;
		for (int page = 0; page < MAX_PAGES; page++) {
			int pageOffset = offset;
			ResponseEntity<List<St2ActionAlias>> response = call("list action-aliases", this.readRetry,
					(requestId) -> this.api.listActionAliases(requestId, pageSize, pageOffset));
			List<St2ActionAlias> items = (response.getBody() != null) ? response.getBody() : List.of();
			for (St2ActionAlias alias : items) {
				// keyed, because an alias added while paging shifts the rest by one
				aliases.put((alias.id() != null) ? alias.id() : alias.effectiveRef(), alias);
			}
			// st2 pages by database offset (RBAC may filter a page), so move by the limit
			offset += pageSize;
			Long total = totalCount(response);
			boolean more = (total != null) ? offset < total : items.size() >= pageSize;
			if (!more || items.isEmpty()) {
				return new ArrayList<>(aliases.values());
			}
		}
		logger.warn("Stopped listing st2 action-aliases after {} pages", MAX_PAGES);
		return new ArrayList<>(aliases.values());
	}

	/**
	 * One action-alias ({@code GET /api/v1/actionalias/{ref}}).
	 * @param ref {@code pack.name} or id
	 * @return the alias
	 * @throws St2NotFoundException when st2 has no such alias
	 * @throws St2Exception when st2 fails
	 */
	public St2ActionAlias getActionAlias(String ref) {
		return call("get action-alias", this.readRetry, (requestId) -> this.api.getActionAlias(requestId, ref));
	}

	/**
	 * Ask st2 which alias matches a command ({@code POST /api/v1/actionalias/match}). It
	 * only writes nothing, so it is retried like a read.
	 * @param command the chat line without prefix
	 * @return the one match
	 * @throws St2RejectedException (400) when no alias or more than one matches; the
	 * faultstring says which
	 * @throws St2Exception when st2 fails
	 */
	public St2AliasMatch matchAlias(String command) {
		return call("match alias", this.readRetry,
				(requestId) -> this.api.matchAlias(requestId, new St2AliasMatchRequest(command)));
	}

	/**
	 * Run an alias as the gateway ({@code POST /api/v1/aliasexecution}), as
	 * {@link #executeAlias(St2AliasExecutionRequest, St2Identity)} with
	 * {@link St2Identity#GATEWAY}.
	 * @param request the execution
	 * @return st2's 201 answer: the execution and the rendered ack
	 * @throws St2Exception as
	 * {@link #executeAlias(St2AliasExecutionRequest, St2Identity)}
	 */
	public St2AliasExecution executeAlias(St2AliasExecutionRequest request) {
		return executeAlias(request, St2Identity.GATEWAY);
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Retried only when the connection was refused before anything was sent. A mapped
	 * user's token travels as the request's {@code X-Auth-Token} argument, which the
	 * authentication interceptor leaves as it is.
	 */
	@Override
	public St2AliasExecution executeAlias(St2AliasExecutionRequest request, St2Identity identity) {
		St2AliasExecutionRequest routed = (request.notificationRoute() != null) ? request
				: new St2AliasExecutionRequest(request.name(), request.format(), request.command(), request.user(),
						request.sourceChannel(), request.sourceContext(), this.properties.route());
		if (identity instanceof St2Identity.User user) {
			try {
				return call("execute alias", this.executeRetry,
						(requestId) -> this.api.executeAliasAs(requestId, user.header().value(), routed));
			}
			catch (St2AuthenticationException ex) {
				// the user's token was revoked: ask for a new one next time
				this.impersonation.forget(user.header());
				throw ex;
			}
		}
		if (!(identity instanceof St2Identity.Gateway)) {
			throw new IllegalArgumentException("An unmapped chat user runs nothing in st2");
		}
		return call("execute alias", this.executeRetry, (requestId) -> this.api.executeAlias(requestId, routed));
	}

	@Override
	public St2Identity identityOf(String platform, String userId) {
		return this.impersonation.identityOf(platform, userId);
	}

	/**
	 * An execution ({@code GET /api/v1/executions/{id}}).
	 * @param id execution id
	 * @return the execution
	 * @throws St2NotFoundException when st2 has no such execution
	 * @throws St2Exception when st2 fails
	 */
	@Override
	public St2Execution getExecution(String id) {
		return call("get execution", this.readRetry, (requestId) -> this.api.getExecution(requestId, id));
	}

	@Override
	public List<St2Inquiry> listInquiries(St2Identity identity) {
		String token = userToken(identity);
		return asUser(identity, () -> {
			List<St2Inquiry> inquiries = call("list inquiries", this.readRetry,
					(requestId) -> this.api.listInquiries(requestId, token, MAX_INQUIRIES));
			return (inquiries != null) ? inquiries : List.of();
		});
	}

	@Override
	public St2Inquiry getInquiry(String id) {
		return call("get inquiry", this.readRetry, (requestId) -> this.api.getInquiry(requestId, null, id));
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Retried only when the connection was refused before anything was sent: st2 would
	 * answer a repeated answer with 400 "already responded".
	 */
	@Override
	public St2InquiryAnswer respondToInquiry(String id, Map<String, Object> response, St2Identity identity) {
		String token = userToken(identity);
		St2InquiryAnswer answer = new St2InquiryAnswer(id, response);
		return asUser(identity, () -> call("answer inquiry", this.executeRetry,
				(requestId) -> this.api.respondToInquiry(requestId, token, id, answer)));
	}

	@Override
	public St2InquiryOrigin inquiryOrigin(String id) {
		St2ExecutionLink inquiry = call("get inquiry execution", this.readRetry,
				(requestId) -> this.api.getExecutionLink(requestId, id));
		St2ExecutionLink current = inquiry;
		for (int depth = 0; depth < MAX_DEPTH && current.parent() != null && !current.parent().isBlank(); depth++) {
			String parent = current.parent();
			current = call("get parent execution", this.readRetry,
					(requestId) -> this.api.getExecutionLink(requestId, parent));
		}
		Map<String, Object> context = (current.context() != null) ? current.context() : Map.of();
		String sourceChannel = (context.get("source_channel") instanceof String channel) ? channel : null;
		return new St2InquiryOrigin(instant(inquiry.startTimestamp()), current.id(), sourceChannel,
				sourceContext(current));
	}

	/**
	 * st2 keeps the chat address an alias execution was sent with in the notification
	 * data of its live action, not in its context.
	 */
	@SuppressWarnings("unchecked")
	private static Map<String, Object> sourceContext(St2ExecutionLink execution) {
		Object found = execution.liveaction();
		for (String key : List.of("notify", "on_complete", "data", "source_context")) {
			found = (found instanceof Map<?, ?> map) ? map.get(key) : null;
		}
		if (found == null && execution.context() != null) {
			found = execution.context().get("source_context");
		}
		return (found instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

	private static Instant instant(String isotime) {
		if (isotime == null) {
			return null;
		}
		try {
			// st2's isotime: 2017-04-06T01:15:06.602758Z, or with +00:00
			return OffsetDateTime.parse(isotime).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static String userToken(St2Identity identity) {
		if (identity instanceof St2Identity.User user) {
			return user.header().value();
		}
		if (!(identity instanceof St2Identity.Gateway)) {
			throw new IllegalArgumentException("An unmapped chat user does nothing in st2");
		}
		return null;
	}

	private <T> T asUser(St2Identity identity, Supplier<T> call) {
		try {
			return call.get();
		}
		catch (St2AuthenticationException ex) {
			if (identity instanceof St2Identity.User user) {
				// the user's token was revoked: ask for a new one next time
				this.impersonation.forget(user.header());
			}
			throw ex;
		}
	}

	/**
	 * One cheap authenticated call ({@code GET /api/v1/actionalias?limit=1}) without
	 * retries, for the health indicator.
	 */
	void probe() {
		attempt("health probe", (requestId) -> this.api.listActionAliases(requestId, 1, 0));
	}

	CircuitBreaker circuitBreaker() {
		return this.circuitBreaker;
	}

	private <T> T call(String operation, RetryTemplate retry, Function<String, T> call) {
		try {
			return retry.execute(() -> attempt(operation, call));
		}
		catch (RetryException ex) {
			Throwable last = (ex.getLastException() != null) ? ex.getLastException() : ex.getCause();
			St2Exception failure = (last instanceof St2Exception st2) ? st2
					: this.errors.translate(operation, last, null);
			log(failure, ex.getRetryCount());
			throw failure;
		}
	}

	private <T> T attempt(String operation, Function<String, T> call) {
		String requestId = UUID.randomUUID().toString();
		try {
			return this.circuitBreaker.executeSupplier(() -> {
				try {
					return call.apply(requestId);
				}
				catch (RuntimeException ex) {
					throw this.errors.translate(operation, ex, requestId);
				}
			});
		}
		catch (CallNotPermittedException ex) {
			throw this.errors.translate(operation, ex, requestId);
		}
	}

	private static void log(St2Exception failure, int retries) {
		if (failure instanceof St2UnavailableException || failure instanceof St2AuthenticationException) {
			logger.warn("st2 call failed after {} retries: {} (X-Request-ID {})", retries, failure.getMessage(),
					failure.requestId());
		}
		else {
			logger.debug("st2 refused the call: {} (X-Request-ID {})", failure.getMessage(), failure.requestId());
		}
	}

	private static Long totalCount(ResponseEntity<?> response) {
		String total = response.getHeaders().getFirst("X-Total-Count");
		try {
			return (total != null) ? Long.valueOf(total.trim()) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static boolean isRetryableRead(Throwable failure) {
		return failure instanceof St2UnavailableException unavailable && !isCircuitOpen(unavailable);
	}

	private static boolean isRetryableExecution(Throwable failure) {
		// never run an alias twice: retry only what st2 provably did not receive
		return failure instanceof St2UnavailableException unavailable && !unavailable.requestMayHaveReachedSt2()
				&& !isCircuitOpen(unavailable);
	}

	private static boolean isCircuitOpen(St2UnavailableException failure) {
		return failure.getCause() instanceof CallNotPermittedException;
	}

	private static RetryTemplate retryTemplate(St2Properties.Retry retry, Predicate<Throwable> retryable) {
		Duration delay = retry.delay();
		RetryPolicy policy = RetryPolicy.builder()
			.maxRetries(retry.maxRetries())
			.delay(delay)
			.jitter(delay.dividedBy(4))
			.multiplier(2)
			.maxDelay(Duration.ofSeconds(2).compareTo(delay) > 0 ? Duration.ofSeconds(2) : delay)
			.predicate(retryable)
			.build();
		return new RetryTemplate(policy);
	}

}
