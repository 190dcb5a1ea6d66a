package io.github.st2chatops.gateway.command;

import java.util.Map;

import io.github.st2chatops.gateway.alias.AliasDefinition;
import io.github.st2chatops.gateway.st2.St2AliasExecution;
import io.github.st2chatops.gateway.st2.St2Execution;

/**
 * Builds the ack the way st2 aliases define it: nothing when {@code ack.enabled} is
 * false; st2's rendered {@code message}, else a short default naming the execution; the
 * execution link unless {@code ack.append_url} is false.
 */
final class AckComposer {

	private final String webUrlBase;

	/**
	 * @param webUrlBase st2 web UI base for executions st2 sent no {@code web_url} for,
	 * or {@code null}
	 */
	AckComposer(String webUrlBase) {
		this.webUrlBase = (webUrlBase != null && webUrlBase.endsWith("/"))
				? webUrlBase.substring(0, webUrlBase.length() - 1) : webUrlBase;
	}

	/**
	 * The link to an execution.
	 * @param execution the execution
	 * @return its web UI link, or {@code null} when neither st2 nor the settings give one
	 */
	String link(St2Execution execution) {
		if (execution.webUrl() != null && !execution.webUrl().isBlank()) {
			return execution.webUrl();
		}
		return (this.webUrlBase != null && !this.webUrlBase.isBlank())
				? this.webUrlBase + "/#/history/" + execution.id() + "/general" : null;
	}

	/**
	 * The ack text.
	 * @param alias the alias as the catalog holds it
	 * @param result st2's answer
	 * @return the text, or {@code null} when the alias disables its ack
	 */
	String ack(AliasDefinition alias, St2AliasExecution result) {
		Map<String, Object> ack = alias.ack();
		if (Boolean.FALSE.equals(ack.get("enabled"))) {
			return null;
		}
		St2Execution execution = result.execution();
		String message = (result.message() != null && !result.message().isBlank()) ? result.message().strip()
				: "Got it! Execution " + execution.id() + " is on its way.";
		String link = link(execution);
		if (link == null || Boolean.FALSE.equals(ack.get("append_url"))) {
			return message;
		}
		return message + "\nDetails: " + link;
	}

}
