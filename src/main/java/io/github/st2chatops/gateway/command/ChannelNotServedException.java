package io.github.st2chatops.gateway.command;

/**
 * A REST API command names a channel on a platform the gateway does not serve (unknown,
 * or not configured): its result could never be delivered, so nothing runs.
 */
public class ChannelNotServedException extends RuntimeException {

	public ChannelNotServedException(String message) {
		super(message);
	}

}
