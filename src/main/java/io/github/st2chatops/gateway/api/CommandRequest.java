package io.github.st2chatops.gateway.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/commands} and {@code /api/v1/commands/match}.
 *
 * @param text the chat line (the prefix is optional)
 * @param user who st2 sees, when the API key may act for others; defaults to the key's
 * user
 * @param channel {@code <platform>:<channel id>} to send the result to when st2 notifies
 */
record CommandRequest(
		@NotBlank(message = "must not be blank") @Size(max = 4000,
				message = "must be at most 4000 characters") String text,
		@Size(max = 200, message = "must be at most 200 characters") String user,
		@Size(max = 300, message = "must be at most 300 characters") @Pattern(regexp = "[A-Za-z0-9_-]+:\\S+",
				message = "must look like <platform>:<channel id>") String channel) {
}
