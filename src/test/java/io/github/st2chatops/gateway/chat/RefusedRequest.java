package io.github.st2chatops.gateway.chat;

import java.util.List;

import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.ResultActions;

import static io.github.st2chatops.gateway.chat.WebhookTestSupport.problem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

/**
 * A webhook request a controller must refuse before anything runs: the request, the
 * problem it is answered with, and, where the test names them, the problem's detail and
 * what the answer must not show. The rows of a webhook slice test, checked the same way
 * for every platform.
 *
 * @param request the request
 * @param status the answer's status
 * @param type the problem type's last part, e.g. {@code unauthorized}
 * @param detail the problem's detail, or null to leave it unchecked
 * @param hidden what the answer must not contain (the expected token, say)
 */
public record RefusedRequest(RequestBuilder request, int status, String type, String detail, List<String> hidden) {

	/**
	 * A request answered with a problem.
	 * @param request the request
	 * @param status the answer's status
	 * @param type the problem type's last part
	 * @return the refused request
	 */
	public static RefusedRequest refused(RequestBuilder request, int status, String type) {
		return new RefusedRequest(request, status, type, null, List.of());
	}

	/**
	 * A request answered 401 {@code unauthorized}: its credential is missing or wrong.
	 * @param request the request
	 * @return the refused request
	 */
	public static RefusedRequest unauthorized(RequestBuilder request) {
		return refused(request, 401, "unauthorized");
	}

	/**
	 * A request answered 400 {@code invalid-request}: verified, but not a payload the
	 * platform sends.
	 * @param request the request
	 * @return the refused request
	 */
	public static RefusedRequest invalidRequest(RequestBuilder request) {
		return refused(request, 400, "invalid-request");
	}

	/**
	 * The same, whose problem has the given detail.
	 * @param detail the detail
	 * @return the refused request
	 */
	public RefusedRequest saying(String detail) {
		return new RefusedRequest(this.request, this.status, this.type, detail, this.hidden);
	}

	/**
	 * The same, whose answer does not show the given values.
	 * @param values what the answer must not contain
	 * @return the refused request
	 */
	public RefusedRequest hiding(String... values) {
		return new RefusedRequest(this.request, this.status, this.type, this.detail, List.of(values));
	}

	/**
	 * Checks the answer to the request.
	 * @param answer what the controller answered
	 * @throws Exception when the answer cannot be read
	 */
	void assertAnswer(ResultActions answer) throws Exception {
		answer.andExpect(problem(this.status, this.type));
		if (this.detail != null) {
			answer.andExpect(jsonPath("$.detail").value(this.detail));
		}
		for (String value : this.hidden) {
			answer.andExpect(content().string(not(containsString(value))));
		}
	}

}
