package io.github.st2chatops.gateway.api;

import java.util.function.Function;

import io.github.st2chatops.gateway.command.ApiCommand;
import io.github.st2chatops.gateway.command.ChannelNotServedException;
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
 * Runs chat lines over HTTP, for curl and tools: the same pipeline chat uses. A channel
 * on a platform the gateway does not serve is refused with 400 before anything runs.
 */
@RestController
@RequestMapping(path = "/api/v1/commands", produces = MediaType.APPLICATION_JSON_VALUE)
class CommandController {

	private final CommandService commands;

	CommandController(CommandService commands) {
		this.commands = commands;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	CommandResponse run(@RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
			@Valid @RequestBody CommandRequest request) {
		return answer(caller, request, this.commands::runForApiKey);
	}

	@PostMapping(path = "/match", consumes = MediaType.APPLICATION_JSON_VALUE)
	CommandResponse match(@RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller,
			@Valid @RequestBody CommandRequest request) {
		return answer(caller, request, this.commands::dryRunForApiKey);
	}

	private static CommandResponse answer(ApiCaller caller, CommandRequest request,
			Function<ApiCommand, CommandResult> pipeline) {
		ApiCommand command = command(caller, request);
		try {
			return CommandResponse.from(pipeline.apply(command));
		}
		catch (ChannelNotServedException ex) {
			throw new GatewayProblemException(ProblemType.INVALID_REQUEST, ex.getMessage());
		}
	}

	private static ApiCommand command(ApiCaller caller, CommandRequest request) {
		if (!caller.mayActAs(request.user())) {
			throw new GatewayProblemException(ProblemType.FORBIDDEN,
					"This API key may only run commands as '" + caller.user() + "'.");
		}
		return new ApiCommand(request.text(), caller.effectiveUser(request.user()), request.channel(),
				caller.keyName());
	}

}
