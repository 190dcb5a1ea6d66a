package io.github.st2chatops.gateway.st2;

import java.time.Duration;

/**
 * Parses {@code text/event-stream} as the WHATWG HTML standard says (section 9.2.6,
 * "Interpreting an event stream"), fed with text as it arrives:
 * <ul>
 * <li>lines end with CR, LF or CRLF (a CRLF split across two reads is one line end); a
 * leading byte order mark is skipped;</li>
 * <li>a line starting with {@code :} is a comment; {@code field: value} sets a field, one
 * space after the colon is dropped; a line without a colon is a field with an empty
 * value; unknown fields are ignored;</li>
 * <li>{@code data} lines are joined with line feeds; {@code event} sets the type
 * ({@code message} when none is given); {@code id} sets the last event id (unless it
 * holds NUL) and it stays until another {@code id} changes it; {@code retry} with only
 * ASCII digits sets the reconnection time;</li>
 * <li>a blank line dispatches the event, unless it has no data; an event not ended by a
 * blank line when the stream ends is discarded.</li>
 * </ul>
 * An event whose data would exceed the size limit is discarded whole (the handler hears
 * of it) and parsing goes on with the next one. Not thread-safe: one parser per
 * connection.
 */
final class EventStreamParser {

	private static final char BYTE_ORDER_MARK = '\uFEFF';

	private final Handler handler;

	private final int maxEventChars;

	private final StringBuilder line = new StringBuilder();

	private final StringBuilder data = new StringBuilder();

	private String eventType = "";

	private String lastEventIdBuffer;

	private String lastEventId;

	private boolean started;

	private boolean afterCarriageReturn;

	/** The current event outgrew the limit: skip lines until the blank line ending it. */
	private boolean oversized;

	/** The current line outgrew the limit (it is not a blank line, whatever is kept). */
	private boolean lineTruncated;

	/**
	 * A parser for one connection.
	 * @param handler what receives events
	 * @param maxEventChars the most characters one event's data and one line may hold
	 * @param lastEventId the last event id from an earlier connection, or empty
	 */
	EventStreamParser(Handler handler, int maxEventChars, String lastEventId) {
		this.handler = handler;
		this.maxEventChars = maxEventChars;
		this.lastEventIdBuffer = (lastEventId != null) ? lastEventId : "";
		this.lastEventId = this.lastEventIdBuffer;
	}

	/**
	 * The last event id set by a dispatched event (or given at construction).
	 * @return the id, empty when none was set
	 */
	String lastEventId() {
		return this.lastEventId;
	}

	/**
	 * Parses the next characters of the stream.
	 * @param chars the characters read
	 * @param offset where they start
	 * @param length how many there are
	 */
	void feed(char[] chars, int offset, int length) {
		for (int i = offset; i < offset + length; i++) {
			char c = chars[i];
			if (!this.started) {
				this.started = true;
				if (c == BYTE_ORDER_MARK) {
					continue;
				}
			}
			if (c == '\n' && this.afterCarriageReturn) {
				// the LF of a CRLF: the line already ended at the CR
				this.afterCarriageReturn = false;
				continue;
			}
			this.afterCarriageReturn = (c == '\r');
			if (c == '\r' || c == '\n') {
				endLine();
			}
			else if (this.line.length() < this.maxEventChars) {
				this.line.append(c);
			}
			else {
				// the rest of an overlong line is not kept, but the line is not blank
				this.lineTruncated = true;
				discard();
			}
		}
	}

	/**
	 * Parses the next characters of the stream.
	 * @param text the characters read
	 */
	void feed(String text) {
		feed(text.toCharArray(), 0, text.length());
	}

	private void endLine() {
		String current = this.line.toString();
		this.line.setLength(0);
		boolean truncated = this.lineTruncated;
		this.lineTruncated = false;
		if (current.isEmpty() && !truncated) {
			dispatch();
			return;
		}
		if (this.oversized || current.startsWith(":")) {
			return;
		}
		int colon = current.indexOf(':');
		String field = (colon >= 0) ? current.substring(0, colon) : current;
		String value = (colon >= 0) ? current.substring(colon + 1) : "";
		if (value.startsWith(" ")) {
			value = value.substring(1);
		}
		switch (field) {
			case "event" -> this.eventType = value;
			case "data" -> appendData(value);
			case "id" -> {
				if (value.indexOf('\0') < 0) {
					this.lastEventIdBuffer = value;
				}
			}
			case "retry" -> retry(value);
			default -> {
				// unknown fields are ignored
			}
		}
	}

	private void appendData(String value) {
		if (this.data.length() + value.length() + 1 > this.maxEventChars) {
			discard();
			return;
		}
		this.data.append(value).append('\n');
	}

	private void retry(String value) {
		if (value.isEmpty() || !value.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			return;
		}
		// more digits than a long holds is still "wait very long"
		long millis = (value.length() > 18) ? Long.MAX_VALUE : Long.parseLong(value);
		this.handler.retry(Duration.ofMillis(millis));
	}

	private void discard() {
		if (!this.oversized) {
			this.oversized = true;
			this.handler.discarded("an event of more than " + this.maxEventChars + " characters");
		}
		this.line.setLength(0);
		this.data.setLength(0);
	}

	private void dispatch() {
		this.lastEventId = this.lastEventIdBuffer;
		String type = this.eventType;
		this.eventType = "";
		if (this.oversized) {
			this.oversized = false;
			this.data.setLength(0);
			return;
		}
		if (this.data.length() == 0) {
			return;
		}
		this.data.setLength(this.data.length() - 1);
		String payload = this.data.toString();
		this.data.setLength(0);
		this.handler
			.event(new St2StreamEvent(type.isEmpty() ? St2StreamEvent.DEFAULT_TYPE : type, payload, this.lastEventId));
	}

	/**
	 * What a parser reports.
	 */
	interface Handler {

		/**
		 * A complete event.
		 * @param event the event
		 */
		void event(St2StreamEvent event);

		/**
		 * The server set the reconnection time.
		 * @param reconnectionTime how long to wait before reconnecting
		 */
		void retry(Duration reconnectionTime);

		/**
		 * An event was discarded.
		 * @param reason why
		 */
		void discarded(String reason);

	}

}
