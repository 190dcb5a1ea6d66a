package io.github.st2chatops.gateway.chat.slack;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.github.st2chatops.gateway.chat.slack.SlackRequestVerifier.SlackRequestRejectedException;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Slack's published example: "Verifying requests from Slack", signing secret
 * {@code 8f742231b10e8888abcd99yyyzzz85a5}, timestamp {@code 1531420618}.
 */
class SlackRequestVerifierTests {

	private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

	private static final String TIMESTAMP = "1531420618";

	private static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

	private static final byte[] BODY = SlackFixtures.text("slash-command-signed-example.txt")
		.getBytes(StandardCharsets.UTF_8);

	private final SlackRequestVerifier verifier = verifierAt(Long.parseLong(TIMESTAMP));

	@Test
	void verifyWhenSlacksPublishedExampleShouldAccept() {
		assertThatCode(() -> this.verifier.verify(TIMESTAMP, SIGNATURE, BODY)).doesNotThrowAnyException();
	}

	@Test
	void verifyWhenSignatureIsUpperCaseHexShouldAccept() {
		assertThatCode(() -> this.verifier.verify(TIMESTAMP, "v0=" + SIGNATURE.substring(3).toUpperCase(), BODY))
			.doesNotThrowAnyException();
	}

	@Test
	void verifyWhenOneByteOfTheBodyChangedShouldRefuse() {
		byte[] tampered = BODY.clone();
		tampered[tampered.length - 1] = (byte) '0';
		assertThatExceptionOfType(SlackRequestRejectedException.class)
			.isThrownBy(() -> this.verifier.verify(TIMESTAMP, SIGNATURE, tampered))
			.withMessage("The Slack signature does not match the request.");
	}

	@Test
	void verifyWhenSignedWithAnotherSecretShouldRefuseWithoutTellingTheExpectedSignature() {
		SlackRequestVerifier other = new SlackRequestVerifier("another-secret",
				Clock.fixed(Instant.ofEpochSecond(1531420618), ZoneOffset.UTC));
		assertThatExceptionOfType(SlackRequestRejectedException.class)
			.isThrownBy(() -> other.verify(TIMESTAMP, SIGNATURE, BODY))
			.satisfies((ex) -> org.assertj.core.api.Assertions.assertThat(ex.getMessage())
				.doesNotContain("a2114d57")
				.doesNotContain("another-secret"));
	}

	@Test
	void verifyWhenTimestampIsNotTheSignedOneShouldRefuse() {
		assertThatExceptionOfType(SlackRequestRejectedException.class)
			.isThrownBy(() -> this.verifier.verify("1531420619", SIGNATURE, BODY));
	}

	@Test
	void verifyWhenVersionPrefixIsMissingShouldRefuse() {
		assertThatExceptionOfType(SlackRequestRejectedException.class)
			.isThrownBy(() -> this.verifier.verify(TIMESTAMP, SIGNATURE.substring(3), BODY));
	}

	@Test
	void verifyWhenTimestampIsFiveMinutesOldShouldAccept() {
		assertThatCode(() -> verifierAt(1531420618 + 300).verify(TIMESTAMP, SIGNATURE, BODY))
			.doesNotThrowAnyException();
	}

	@Test
	void verifyWhenTimestampIsMoreThanFiveMinutesOldShouldRefuse() {
		assertThatExceptionOfType(SlackRequestRejectedException.class)
			.isThrownBy(() -> verifierAt(1531420618 + 301).verify(TIMESTAMP, SIGNATURE, BODY))
			.withMessageContaining("five minutes");
	}

	@Test
	void verifyWhenTimestampIsMoreThanFiveMinutesAheadShouldRefuse() {
		assertThatExceptionOfType(SlackRequestRejectedException.class)
			.isThrownBy(() -> verifierAt(1531420618 - 301).verify(TIMESTAMP, SIGNATURE, BODY))
			.withMessageContaining("five minutes");
	}

	@Test
	void verifyWhenHeadersAreMissingShouldRefuse() {
		assertThatExceptionOfType(SlackRequestRejectedException.class)
			.isThrownBy(() -> this.verifier.verify(null, SIGNATURE, BODY))
			.withMessageContaining("required");
		assertThatExceptionOfType(SlackRequestRejectedException.class)
			.isThrownBy(() -> this.verifier.verify(TIMESTAMP, null, BODY))
			.withMessageContaining("required");
		assertThatExceptionOfType(SlackRequestRejectedException.class)
			.isThrownBy(() -> this.verifier.verify(" ", "", BODY));
	}

	@Test
	void verifyWhenTimestampIsNotANumberShouldRefuse() {
		assertThatExceptionOfType(SlackRequestRejectedException.class)
			.isThrownBy(() -> this.verifier.verify("yesterday", SIGNATURE, BODY))
			.withMessageContaining("Unix time");
	}

	private static SlackRequestVerifier verifierAt(long epochSecond) {
		return new SlackRequestVerifier(SECRET, Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
	}

}
