package io.github.st2chatops.gateway.simulator;

/**
 * A template that could not be parsed or rendered, with Jinja2's own wording where st2
 * shows it (for example {@code 'dict object' has no attribute 'x'}, which st2 puts into
 * the ack message).
 */
class JinjaException extends RuntimeException {

	JinjaException(String message) {
		super(message);
	}

}
