package io.github.st2chatops.gateway.st2;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.annotation.PutExchange;

/**
 * The st2 API operations the gateway uses ({@code gateway.st2.api-url}, {@code /api/v1}),
 * HTTP service group {@code st2-api}, authenticated by
 * {@link St2AuthenticationInterceptor}. Call it through {@link St2Client}, which adds
 * retries, the circuit breaker and st2's errors.
 */
@HttpExchange(accept = "application/json")
public interface St2Api {

	/**
	 * {@code GET /actionalias?limit=&offset=}; the total is in {@code X-Total-Count}.
	 * @param requestId our {@code X-Request-ID}
	 * @param limit page size (never -1: that needs an st2 admin)
	 * @param offset first item
	 * @return one page
	 */
	@GetExchange("/actionalias")
	ResponseEntity<List<St2ActionAlias>> listActionAliases(@RequestHeader(St2Client.REQUEST_ID) String requestId,
			@RequestParam("limit") int limit, @RequestParam("offset") int offset);

	/**
	 * {@code GET /actionalias/{ref_or_id}}; 404 when unknown.
	 * @param requestId our {@code X-Request-ID}
	 * @param ref {@code pack.name} or id
	 * @return the alias
	 */
	@GetExchange("/actionalias/{ref}")
	St2ActionAlias getActionAlias(@RequestHeader(St2Client.REQUEST_ID) String requestId,
			@PathVariable("ref") String ref);

	/**
	 * {@code POST /actionalias/match}; 400 when no alias or several match.
	 * @param requestId our {@code X-Request-ID}
	 * @param request the command
	 * @return the match
	 */
	@PostExchange(url = "/actionalias/match", contentType = "application/json")
	St2AliasMatch matchAlias(@RequestHeader(St2Client.REQUEST_ID) String requestId,
			@RequestBody St2AliasMatchRequest request);

	/**
	 * {@code POST /aliasexecution}; 201 with the execution.
	 * @param requestId our {@code X-Request-ID}
	 * @param request the alias execution
	 * @return the scheduled execution and ack
	 */
	@PostExchange(url = "/aliasexecution", contentType = "application/json")
	St2AliasExecution executeAlias(@RequestHeader(St2Client.REQUEST_ID) String requestId,
			@RequestBody St2AliasExecutionRequest request);

	/**
	 * {@code POST /aliasexecution} as a mapped st2 user: the user's token is sent as
	 * {@code X-Auth-Token}, and the authentication interceptor adds no credential of the
	 * gateway's (nor renews it on a 401).
	 * @param requestId our {@code X-Request-ID}
	 * @param userToken the token st2 issued for the user
	 * @param request the alias execution
	 * @return the scheduled execution and ack
	 */
	@PostExchange(url = "/aliasexecution", contentType = "application/json")
	St2AliasExecution executeAliasAs(@RequestHeader(St2Client.REQUEST_ID) String requestId,
			@RequestHeader(St2AuthHeader.AUTH_TOKEN) String userToken, @RequestBody St2AliasExecutionRequest request);

	/**
	 * {@code GET /executions/{id}}; 404 when unknown.
	 * @param requestId our {@code X-Request-ID}
	 * @param id execution id
	 * @return the execution
	 */
	@GetExchange("/executions/{id}")
	St2Execution getExecution(@RequestHeader(St2Client.REQUEST_ID) String requestId, @PathVariable("id") String id);

	/**
	 * {@code GET /executions/{id}}, only the fields that lead to the root execution.
	 * @param requestId our {@code X-Request-ID}
	 * @param id execution id
	 * @return the execution's parent, start and context
	 */
	@GetExchange("/executions/{id}")
	St2ExecutionLink getExecutionLink(@RequestHeader(St2Client.REQUEST_ID) String requestId,
			@PathVariable("id") String id);

	/**
	 * {@code GET /inquiries?limit=}: the pending inquiries, as the gateway or as a mapped
	 * user.
	 * @param requestId our {@code X-Request-ID}
	 * @param userToken a mapped user's token, or {@code null} for the gateway's
	 * credential
	 * @param limit how many at most
	 * @return the inquiries
	 */
	@GetExchange("/inquiries")
	List<St2Inquiry> listInquiries(@RequestHeader(St2Client.REQUEST_ID) String requestId,
			@RequestHeader(name = St2AuthHeader.AUTH_TOKEN, required = false) String userToken,
			@RequestParam("limit") int limit);

	/**
	 * {@code GET /inquiries/{id}}; 400 when it timed out or was answered, 403 without
	 * permission, 404 when unknown.
	 * @param requestId our {@code X-Request-ID}
	 * @param userToken a mapped user's token, or {@code null} for the gateway's
	 * credential
	 * @param id inquiry id
	 * @return the inquiry
	 */
	@GetExchange("/inquiries/{id}")
	St2Inquiry getInquiry(@RequestHeader(St2Client.REQUEST_ID) String requestId,
			@RequestHeader(name = St2AuthHeader.AUTH_TOKEN, required = false) String userToken,
			@PathVariable("id") String id);

	/**
	 * {@code PUT /inquiries/{id}}: answer; 400 when the answer does not fit the schema or
	 * the inquiry timed out or was answered, 403 when the user may not answer.
	 * @param requestId our {@code X-Request-ID}
	 * @param userToken a mapped user's token, or {@code null} for the gateway's
	 * credential
	 * @param id inquiry id
	 * @param answer the answer
	 * @return st2's echo of the answer
	 */
	@PutExchange(url = "/inquiries/{id}", contentType = "application/json")
	St2InquiryAnswer respondToInquiry(@RequestHeader(St2Client.REQUEST_ID) String requestId,
			@RequestHeader(name = St2AuthHeader.AUTH_TOKEN, required = false) String userToken,
			@PathVariable("id") String id, @RequestBody St2InquiryAnswer answer);

}
