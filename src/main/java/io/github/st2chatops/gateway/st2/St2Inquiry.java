package io.github.st2chatops.gateway.st2;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An st2 Inquiry ({@code GET /api/v1/inquiries}, st2's {@code InquiryResponseAPI}): a
 * paused {@code core.ask} waiting for an answer that validates against its schema.
 *
 * @param id the inquiry id, which is also the id of its {@code inquirer} execution
 * @param route st2's {@code route} parameter, for routing the question to a channel
 * @param ttl minutes until st2's garbage collector times the inquiry out
 * @param users st2 users who may answer; empty when anyone may
 * @param roles st2 RBAC roles who may answer; empty when any role may
 * @param schema the JSON schema the answer must validate against
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record St2Inquiry(String id, String route, Integer ttl, List<String> users, List<String> roles,
		Map<String, Object> schema) {

	public St2Inquiry {
		users = (users != null) ? List.copyOf(users) : List.of();
		roles = (roles != null) ? List.copyOf(roles) : List.of();
		schema = (schema != null) ? schema : Map.of();
	}

	/**
	 * Whether st2 restricts who may answer.
	 * @return {@code true} when the inquiry names users or roles
	 */
	public boolean restricted() {
		return !this.users.isEmpty() || !this.roles.isEmpty();
	}

	/**
	 * Who may answer, in words for chat.
	 * @return {@code anyone}, or e.g. {@code st2 users alice, bob or st2 roles ops}
	 */
	public String whoMayAnswer() {
		if (!restricted()) {
			return "anyone";
		}
		List<String> who = new ArrayList<>();
		if (!this.users.isEmpty()) {
			who.add("st2 users " + String.join(", ", this.users));
		}
		if (!this.roles.isEmpty()) {
			who.add("st2 roles " + String.join(", ", this.roles));
		}
		return String.join(" or ", who);
	}

}
