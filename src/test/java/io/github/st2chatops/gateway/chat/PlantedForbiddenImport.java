package io.github.st2chatops.gateway.chat;

import io.github.st2chatops.gateway.command.CommandService;

/**
 * A forbidden import planted on purpose (test scope only): a chat class that uses the
 * command pipeline. ArchitectureTests checks that its chat rule fails on it.
 */
final class PlantedForbiddenImport {

	private PlantedForbiddenImport() {
	}

	static Class<?> forbidden() {
		return CommandService.class;
	}

}
