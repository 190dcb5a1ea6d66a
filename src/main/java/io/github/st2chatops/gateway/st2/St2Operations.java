package io.github.st2chatops.gateway.st2;

import java.util.List;

/**
 * The st2 operations the rest of the gateway uses: read the alias catalog, run an alias
 * as the right st2 user, read an execution. Implemented by {@link St2Client} (HTTP,
 * retries, circuit breaker); the pipeline and the REST API depend on this interface only,
 * so they can be tested without HTTP. Every method reports st2's failures as
 * {@link St2Exception}s.
 */
public interface St2Operations {

	/**
	 * All action-aliases.
	 * @return the aliases in st2's order (pack, name)
	 * @throws St2Exception when st2 fails
	 */
	List<St2ActionAlias> listActionAliases();

	/**
	 * Who a chat user's command runs as ({@code gateway.st2.impersonation}): the
	 * gateway's own identity when impersonation is off, never {@code null}.
	 * @param platform the chat platform id, e.g. {@code slack}
	 * @param userId the platform's user id
	 * @return the identity
	 * @throws St2ImpersonationRefusedException when st2 refuses to issue the user's token
	 * @throws St2UnavailableException when st2's auth service cannot be reached
	 */
	St2Identity identityOf(String platform, String userId);

	/**
	 * Run an alias ({@code POST /api/v1/aliasexecution}) as the given identity: the
	 * gateway's own credential, or a mapped user's token. A user token st2 answers 401 to
	 * is forgotten, so the next command asks for a new one.
	 * @param request the execution; without a notification route,
	 * {@code gateway.st2.route} is used
	 * @param identity who it runs as ({@link St2Identity.User} or
	 * {@link St2Identity#GATEWAY})
	 * @return st2's 201 answer: the execution and the rendered ack
	 * @throws St2UnavailableException when st2 fails; check
	 * {@link St2UnavailableException#requestMayHaveReachedSt2()} before offering a retry
	 * @throws St2Exception when st2 refuses
	 */
	St2AliasExecution executeAlias(St2AliasExecutionRequest request, St2Identity identity);

	/**
	 * An execution ({@code GET /api/v1/executions/{id}}).
	 * @param id execution id
	 * @return the execution
	 * @throws St2NotFoundException when st2 has no such execution
	 * @throws St2Exception when st2 fails
	 */
	St2Execution getExecution(String id);

}
