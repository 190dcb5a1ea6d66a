package io.github.st2chatops.gateway.st2;

/**
 * Receives the events of an st2 event stream subscription, on the subscription's reader
 * thread, in order. While {@link #onEvent} runs, nothing more is read (a listener that
 * blocks applies back pressure: st2 keeps the events for the connection) and the idle
 * timeout does not run. An exception thrown by the listener is logged and the next event
 * is read: one event never loses the others.
 */
@FunctionalInterface
public interface St2StreamListener {

	/**
	 * One event.
	 * @param event the event
	 * @throws InterruptedException when the subscription is closed while the listener
	 * waits
	 */
	void onEvent(St2StreamEvent event) throws InterruptedException;

}
