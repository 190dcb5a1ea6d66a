package io.github.st2chatops.gateway.command;

import io.github.st2chatops.gateway.st2.St2Client;

/**
 * A forbidden dependency planted on purpose (test scope only): the pipeline reaching past
 * St2Operations to the HTTP client. ArchitectureTests checks that its rule fails on it.
 */
final class PlantedSt2ClientUse {

	private PlantedSt2ClientUse() {
	}

	static Class<?> forbidden() {
		return St2Client.class;
	}

}
