package io.github.st2chatops.gateway.st2;

/**
 * One event read from st2's event stream, as the server-sent events standard defines it.
 *
 * @param type the event type ({@code st2.announcement__chatops-gateway} ...);
 * {@code message} when the frame named none
 * @param data the data lines of the frame, joined with line feeds
 * @param lastEventId the last event id the stream set (an {@code id:} field of this or an
 * earlier frame), empty when it set none; st2 itself never sets one
 */
public record St2StreamEvent(String type, String data, String lastEventId) {

	/** The type of a frame without an {@code event:} field. */
	public static final String DEFAULT_TYPE = "message";

}
