package io.github.st2chatops.gateway.api;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatCommand;
import io.github.st2chatops.gateway.command.CommandResult;
import io.github.st2chatops.gateway.command.CommandService;
import io.github.st2chatops.gateway.web.GatewayProblemException;
import io.github.st2chatops.gateway.web.ProblemType;
import jakarta.validation.Valid;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Runs chat lines over HTTP, for curl and tools: the same pipeline chat uses.
 */
@RestController
@RequestMapping(path = "/api/v1/commands", produces = MediaType.APPLICATION_JSON_VALUE)
class CommandController {

	/** The platform name of commands that came through the REST API. */
	static final String API_PLATFORM = "api";

	private final CommandService commands;

	CommandController(CommandService commands) {
		this.commands = commands;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	CommandResponse run(@RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
			@Valid @RequestBody CommandRequest request) {
		ChatAddress address = address(caller, request);
		CommandResult result = this.commands.runForApiKey(new ChatCommand(address, request.text(), true),
				caller.keyName());
		return CommandResponse.from(result);
	}

	@PostMapping(path = "/match", consumes = MediaType.APPLICATION_JSON_VALUE)
	CommandResponse match(@RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
			@Valid @RequestBody CommandRequest request) {
		ChatAddress address = address(caller, request);
		return CommandResponse.from(this.commands.dryRunForApiKey(request.text(), address, caller.keyName()));
	}

	private static ChatAddress address(ApiCaller caller, CommandRequest request) {
		if (!caller.mayActAs(request.user())) {
			throw new GatewayProblemException(ProblemType.FORBIDDEN,
					"This API key may only run commands as '" + caller.user() + "'.");
		}
		String user = caller.effectiveUser(request.user());
		if (request.channel() == null) {
			// no chat channel: the result is followed with GET /api/v1/executions/{id}
			return new ChatAddress(API_PLATFORM, null, user, null, user, user, null);
		}
		ChatAddress channel = ChatAddress.fromSourceChannel(request.channel());
		return new ChatAddress(channel.platform(), null, channel.channel(), null, user, user, null);
	}

}
