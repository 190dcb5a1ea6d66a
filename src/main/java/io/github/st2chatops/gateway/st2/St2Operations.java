package io.github.st2chatops.gateway.st2;

import java.util.List;
import java.util.Map;

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

	/**
	 * The pending inquiries ({@code GET /api/v1/inquiries}) as st2 shows them to the
	 * given identity.
	 * @param identity the gateway or a mapped user
	 * @return the inquiries, at most a hundred
	 * @throws St2Exception when st2 fails
	 */
	List<St2Inquiry> listInquiries(St2Identity identity);

	/**
	 * One inquiry ({@code GET /api/v1/inquiries/{id}}), read with the gateway's own
	 * credential.
	 * @param id the inquiry id
	 * @return the inquiry
	 * @throws St2NotFoundException when st2 has no such inquiry
	 * @throws St2RejectedException when it timed out or was answered already (400)
	 * @throws St2Exception when st2 fails
	 */
	St2Inquiry getInquiry(String id);

	/**
	 * Answer an inquiry ({@code PUT /api/v1/inquiries/{id}}) as the given identity. Never
	 * retried once st2 may have received it.
	 * @param id the inquiry id
	 * @param response the answer
	 * @param identity the gateway or a mapped user
	 * @return what st2 recorded
	 * @throws St2RejectedException 400 (schema, timed out, answered) or 403 (not
	 * permitted)
	 * @throws St2NotFoundException when st2 has no such inquiry
	 * @throws St2Exception when st2 fails
	 */
	St2InquiryAnswer respondToInquiry(String id, Map<String, Object> response, St2Identity identity);

	/**
	 * Where an inquiry came from: its start and the chat address of its workflow's root
	 * execution, found by following {@code parent} from the inquiry's own execution.
	 * @param id the inquiry id
	 * @return the origin
	 * @throws St2Exception when st2 fails
	 */
	St2InquiryOrigin inquiryOrigin(String id);

}
