package io.github.st2chatops.gateway.st2;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * {@link EventStreamParser} against the rules of the WHATWG HTML standard, section 9.2.6
 * "Interpreting an event stream", and st2's own frames.
 */
class EventStreamParserTests {

	private final Recorder recorder = new Recorder();

	private final EventStreamParser parser = new EventStreamParser(this.recorder, 64, "");

	@ParameterizedTest(name = "{0}")
	@MethodSource("frames")
	void parseShouldDispatchTheEventsOfTheStream(String rule, String stream, List<St2StreamEvent> expected) {
		this.parser.feed(stream);

		assertThat(this.recorder.events).containsExactlyElementsOf(expected);
	}

	static Stream<Arguments> frames() {
		return Stream.of(
				arguments("an st2 frame gives its type and data",
						"\nevent: st2.announcement__chatops-gateway\ndata: {\"payload\": {}}\n\n\n",
						List.of(new St2StreamEvent("st2.announcement__chatops-gateway", "{\"payload\": {}}", ""))),
				arguments("a frame without an event line is of type message", "data: only data\n\n",
						List.of(message("only data", ""))),
				arguments("data lines are joined with line feeds",
						"data: first\ndata:second\ndata\ndata:  indented\n\n",
						List.of(message("first\nsecond\n\n indented", ""))),
				arguments("empty data is still dispatched", "data\n\ndata:\n\n",
						List.of(message("", ""), message("", ""))),
				arguments("a frame without data dispatches nothing and resets the type",
						"event: st2.actionalias__update\n\ndata: x\n\n", List.of(message("x", ""))),
				arguments("comment lines are ignored",
						": heartbeat\n:\nevent: a\n: between fields\ndata: 1\n\n: after\n\n",
						List.of(new St2StreamEvent("a", "1", ""))),
				arguments("lines ending in CR LF or CR are taken as ending in LF",
						"event: crlf\r\ndata: 1\r\n\r\nevent: cr\rdata: 2\r\revent: lf\ndata: 3\n\n",
						List.of(new St2StreamEvent("crlf", "1", ""), new St2StreamEvent("cr", "2", ""),
								new St2StreamEvent("lf", "3", ""))),
				arguments("one leading space only is stripped", "event:  two\ndata:   three\n\n",
						List.of(new St2StreamEvent(" two", "  three", ""))),
				arguments("a line without a colon is a field with an empty value", "event: a\nevent\ndata\ndata\n\n",
						List.of(message("\n", ""))),
				arguments("unknown fields are ignored", "foo: bar\nEvent: not-event\ndata: 1\n\n",
						List.of(message("1", ""))),
				arguments("an id holding NUL is ignored", "id: 1\n\nid: 2\u00003\ndata: x\n\n",
						List.of(message("x", "1"))),
				arguments("a byte order mark at the start is skipped", "\uFEFFdata: x\n\n", List.of(message("x", ""))),
				arguments("an event the stream ends inside is not dispatched", "data: complete\n\ndata: cut off\n",
						List.of(message("complete", ""))));
	}

	@Test
	void parseWhenCrLfIsSplitAcrossReadsShouldEndOneLine() {
		this.parser.feed("data: 1\r");
		this.parser.feed("\ndata: 2\r");
		this.parser.feed("\n\r");
		this.parser.feed("\n");

		assertThat(this.recorder.events).extracting(St2StreamEvent::data).containsExactly("1\n2");
	}

	@Test
	void parseWhenFedOneCharacterAtATimeShouldGiveTheSameEvents() {
		String stream = "event: a\r\ndata: x\r\ndata: y\r\n\r\n: c\nid: 7\ndata: z\n\n";
		for (char c : stream.toCharArray()) {
			this.parser.feed(String.valueOf(c));
		}

		assertThat(this.recorder.events).containsExactly(new St2StreamEvent("a", "x\ny", ""),
				new St2StreamEvent("message", "z", "7"));
	}

	@Test
	void parseWhenIdIsSetShouldKeepItForLaterEventsUntilChanged() {
		this.parser.feed("id: 1\ndata: a\n\ndata: b\n\nid: 2\n\ndata: c\n\nid\ndata: d\n\n");

		assertThat(this.recorder.events).extracting(St2StreamEvent::lastEventId).containsExactly("1", "1", "2", "");
		assertThat(this.parser.lastEventId()).isEmpty();
	}

	@Test
	void parseWhenIdOnlyFrameShouldSetTheLastEventIdWithoutAnEvent() {
		this.parser.feed("id: 42\n\n");

		assertThat(this.recorder.events).isEmpty();
		assertThat(this.parser.lastEventId()).isEqualTo("42");
	}

	@Test
	void parseWhenResumingShouldStartFromTheGivenLastEventId() {
		EventStreamParser resumed = new EventStreamParser(this.recorder, 64, "41");
		resumed.feed("data: x\n\n");

		assertThat(this.recorder.events).containsExactly(new St2StreamEvent("message", "x", "41"));
	}

	@Test
	void parseWhenRetryHasOnlyDigitsShouldSetTheReconnectionTime() {
		this.parser.feed("retry: 2500\nretry: 1.5\nretry: -1\nretry:\nretry: 10s\n\n");

		assertThat(this.recorder.retries).containsExactly(Duration.ofMillis(2500));
		assertThat(this.recorder.events).isEmpty();
	}

	@Test
	void parseWhenEventIsTooLargeShouldDiscardItAndGoOn() {
		this.parser.feed("data: " + "x".repeat(40) + "\ndata: " + "y".repeat(40) + "\ndata: z\n\n");
		this.parser.feed("data: " + "w".repeat(100) + "\n\n");
		this.parser.feed("data: next\n\n");

		assertThat(this.recorder.events).extracting(St2StreamEvent::data).containsExactly("next");
		assertThat(this.recorder.discarded).hasSize(2);
	}

	private static St2StreamEvent message(String data, String lastEventId) {
		return new St2StreamEvent("message", data, lastEventId);
	}

	private static final class Recorder implements EventStreamParser.Handler {

		private final List<St2StreamEvent> events = new ArrayList<>();

		private final List<Duration> retries = new ArrayList<>();

		private final List<String> discarded = new ArrayList<>();

		@Override
		public void event(St2StreamEvent event) {
			this.events.add(event);
		}

		@Override
		public void retry(Duration reconnectionTime) {
			this.retries.add(reconnectionTime);
		}

		@Override
		public void discarded(String reason) {
			this.discarded.add(reason);
		}

	}

}
