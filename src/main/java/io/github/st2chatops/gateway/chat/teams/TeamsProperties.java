package io.github.st2chatops.gateway.chat.teams;

import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import io.github.st2chatops.gateway.chat.HttpUrls;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * Microsoft Teams ({@code POST /chat/teams}). Off until {@code security-token} is set.
 *
 * @param securityToken the security token Teams shows once when the outgoing webhook is
 * created (base64)
 * @param workflowUrls Workflows webhook URLs ("Post to a channel when a webhook request
 * is received") by Teams channel id (19:...@thread.tacv2); replies that miss Teams' five
 * seconds and st2 results go there
 * @param defaultWorkflowUrl the Workflows webhook URL for channels not in workflow-urls,
 * or none
 * @param userField which id st2 sees as the requester (default aad-object-id)
 * @param replyDeadline how long to wait for the answer before acknowledging (default 4s;
 * Teams gives up after 5s)
 * @param maxMessageLength the longest text in one message (default 12000 characters;
 * Teams refuses messages over about 28 KB)
 */
@ConfigurationProperties("gateway.chat.teams")
public record TeamsProperties(String securityToken, Map<String, URI> workflowUrls, URI defaultWorkflowUrl,
		@DefaultValue("aad-object-id") TeamsUserField userField, @DefaultValue("4s") Duration replyDeadline,
		@DefaultValue("12000") int maxMessageLength) {

	/**
	 * The setting that switches the platform on: without a value, the platform is off.
	 */
	static final String ENABLED_BY = "gateway.chat.teams.security-token";

	private static final Duration TEAMS_TIMEOUT = Duration.ofSeconds(5);

	public TeamsProperties {
		workflowUrls = (workflowUrls != null) ? Map.copyOf(workflowUrls) : Map.of();
		if (!StringUtils.hasText(securityToken)) {
			if (!workflowUrls.isEmpty() || defaultWorkflowUrl != null) {
				throw new IllegalArgumentException("gateway.chat.teams.security-token must be set when "
						+ "gateway.chat.teams.workflow-urls or default-workflow-url is set");
			}
		}
		else if (decode(securityToken) == null) {
			throw new IllegalArgumentException("gateway.chat.teams.security-token is not valid base64; copy the "
					+ "security token Teams showed when the outgoing webhook was created");
		}
		for (Map.Entry<String, URI> entry : workflowUrls.entrySet()) {
			if (entry.getValue() == null || !HttpUrls.isAbsoluteHttp(entry.getValue())) {
				throw new IllegalArgumentException(
						"gateway.chat.teams.workflow-urls[" + entry.getKey() + "] must be an absolute https URL");
			}
		}
		if (defaultWorkflowUrl != null && !HttpUrls.isAbsoluteHttp(defaultWorkflowUrl)) {
			throw new IllegalArgumentException("gateway.chat.teams.default-workflow-url must be an absolute https URL");
		}
		if (replyDeadline.isNegative() || replyDeadline.compareTo(TEAMS_TIMEOUT) >= 0) {
			throw new IllegalArgumentException("gateway.chat.teams.reply-deadline must be less than 5s, "
					+ "the time Teams waits for an outgoing webhook's answer");
		}
		if (maxMessageLength < 64) {
			throw new IllegalArgumentException("gateway.chat.teams.max-message-length must be at least 64");
		}
	}

	/**
	 * The decoded security token, the HMAC key.
	 * @return the key bytes
	 */
	byte[] securityKey() {
		return decode(this.securityToken);
	}

	/**
	 * The Workflows webhook URL for a channel.
	 * @param channel the Teams channel id
	 * @return its URL, else the default one, else empty
	 */
	Optional<URI> workflowUrlFor(String channel) {
		URI url = (channel != null) ? this.workflowUrls.get(channel) : null;
		return Optional.ofNullable((url != null) ? url : this.defaultWorkflowUrl);
	}

	private static byte[] decode(String token) {
		try {
			byte[] key = Base64.getDecoder().decode(token.strip());
			return (key.length > 0) ? key : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	@Override
	public String toString() {
		// Workflows URLs carry their signature in the query string: never print them
		return "TeamsProperties[securityToken=" + (StringUtils.hasText(this.securityToken) ? "******" : "<not set>")
				+ ", workflowUrls=" + this.workflowUrls.keySet() + ", defaultWorkflowUrl="
				+ ((this.defaultWorkflowUrl != null) ? "<set>" : "<not set>") + ", userField=" + this.userField
				+ ", replyDeadline=" + this.replyDeadline + ", maxMessageLength=" + this.maxMessageLength + "]";
	}

}
