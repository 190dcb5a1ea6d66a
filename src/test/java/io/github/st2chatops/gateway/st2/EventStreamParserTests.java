package io.github.st2chatops.gateway.st2;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EventStreamParser} against the rules of the WHATWG HTML standard, section 9.2.6
 * "Interpreting an event stream", and st2's own frames.
 */
class EventStreamParserTests {

	private final Recorder recorder = new Recorder();

	private final EventStreamParser parser = new EventStreamParser(this.recorder, 64, "");

	@Test
	void parseWhenSt2FrameShouldGiveItsTypeAndData() {
		this.parser.feed("\nevent: st2.announcement__chatops-gateway\ndata: {\"payload\": {}}\n\n\n");

		assertThat(this.recorder.events)
			.containsExactly(new St2StreamEvent("st2.announcement__chatops-gateway", "{\"payload\": {}}", ""));
	}

	@Test
	void parseWhenFrameHasNoEventLineShouldGiveTypeMessage() {
		this.parser.feed("data: only data\n\n");

		assertThat(this.recorder.events).containsExactly(new St2StreamEvent("message", "only data", ""));
	}

	@Test
	void parseWhenDataSpansLinesShouldJoinThemWithLineFeeds() {
		this.parser.feed("data: first\ndata:second\ndata\ndata:  indented\n\n");

		assertThat(this.recorder.events).singleElement()
			.extracting(St2StreamEvent::data)
			.isEqualTo("first\nsecond\n\n indented");
	}

	@Test
	void parseWhenDataIsEmptyShouldStillDispatch() {
		this.parser.feed("data\n\ndata:\n\n");

		assertThat(this.recorder.events).extracting(St2StreamEvent::data).containsExactly("", "");
	}

	@Test
	void parseWhenFrameHasNoDataShouldDispatchNothingAndResetTheType() {
		this.parser.feed("event: st2.actionalias__update\n\ndata: x\n\n");

		assertThat(this.recorder.events).containsExactly(new St2StreamEvent("message", "x", ""));
	}

	@Test
	void parseWhenLinesAreCommentsShouldIgnoreThem() {
		this.parser.feed(": heartbeat\n:\nevent: a\n: between fields\ndata: 1\n\n: after\n\n");

		assertThat(this.recorder.events).containsExactly(new St2StreamEvent("a", "1", ""));
	}

	@Test
	void parseWhenLinesEndWithCrLfOrCrShouldTreatThemAsLf() {
		this.parser.feed("event: crlf\r\ndata: 1\r\n\r\nevent: cr\rdata: 2\r\revent: lf\ndata: 3\n\n");

		assertThat(this.recorder.events).extracting(St2StreamEvent::type).containsExactly("crlf", "cr", "lf");
		assertThat(this.recorder.events).extracting(St2StreamEvent::data).containsExactly("1", "2", "3");
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
	void parseShouldStripOneLeadingSpaceOnly() {
		this.parser.feed("event:  two\ndata:   three\n\n");

		assertThat(this.recorder.events).containsExactly(new St2StreamEvent(" two", "  three", ""));
	}

	@Test
	void parseWhenLineHasNoColonShouldTakeItAsFieldWithEmptyValue() {
		this.parser.feed("event: a\nevent\ndata\ndata\n\n");

		assertThat(this.recorder.events).containsExactly(new St2StreamEvent("message", "\n", ""));
	}

	@Test
	void parseWhenFieldIsUnknownShouldIgnoreIt() {
		this.parser.feed("foo: bar\nEvent: not-event\ndata: 1\n\n");

		assertThat(this.recorder.events).containsExactly(new St2StreamEvent("message", "1", ""));
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
	void parseWhenIdHoldsNulShouldIgnoreIt() {
		this.parser.feed("id: 1\n\nid: 2\u00003\ndata: x\n\n");

		assertThat(this.recorder.events).containsExactly(new St2StreamEvent("message", "x", "1"));
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
	void parseWhenStreamStartsWithByteOrderMarkShouldSkipIt() {
		this.parser.feed("\uFEFFdata: x\n\n");

		assertThat(this.recorder.events).containsExactly(new St2StreamEvent("message", "x", ""));
	}

	@Test
	void parseWhenStreamEndsInsideAnEventShouldNotDispatchIt() {
		this.parser.feed("data: complete\n\ndata: cut off\n");

		assertThat(this.recorder.events).extracting(St2StreamEvent::data).containsExactly("complete");
	}

	@Test
	void parseWhenEventIsTooLargeShouldDiscardItAndGoOn() {
		this.parser.feed("data: " + "x".repeat(40) + "\ndata: " + "y".repeat(40) + "\ndata: z\n\n");
		this.parser.feed("data: " + "w".repeat(100) + "\n\n");
		this.parser.feed("data: next\n\n");

		assertThat(this.recorder.events).extracting(St2StreamEvent::data).containsExactly("next");
		assertThat(this.recorder.discarded).hasSize(2);
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
