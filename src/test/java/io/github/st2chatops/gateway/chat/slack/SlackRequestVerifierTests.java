package io.github.st2chatops.gateway.chat.slack;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import io.github.st2chatops.gateway.chat.ChatRequest;
import io.github.st2chatops.gateway.chat.ChatRequestProblem;
import io.github.st2chatops.gateway.chat.ChatRequestVerifier.Verification;

import static io.github.st2chatops.gateway.chat.WebhookTestSupport.fixtureText;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slack's published example: "Verifying requests from Slack", signing secret
 * {@code 8f742231b10e8888abcd99yyyzzz85a5}, timestamp {@code 1531420618}.
 */
class SlackRequestVerifierTests {

	private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

	private static final String TIMESTAMP = "1531420618";

	private static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

	private static final byte[] BODY = fixtureText("/chat/slack/slash-command-signed-example.txt")
		.getBytes(StandardCharsets.UTF_8);

	private final SlackRequestVerifier verifier = verifierAt(Long.parseLong(TIMESTAMP));

	@Test
	void verifyWhenSlacksPublishedExampleShouldAccept() {
		assertThat(verify(this.verifier, TIMESTAMP, SIGNATURE, BODY)).isInstanceOf(Verification.Verified.class);
	}

	@Test
	void verifyWhenSignatureIsUpperCaseHexShouldAccept() {
		assertThat(verify(this.verifier, TIMESTAMP, "v0=" + SIGNATURE.substring(3).toUpperCase(), BODY))
			.isInstanceOf(Verification.Verified.class);
	}

	@Test
	void verifyWhenOneByteOfTheBodyChangedShouldRefuse() {
		byte[] tampered = BODY.clone();
		tampered[tampered.length - 1] = (byte) '0';
		assertThat(refusal(verify(this.verifier, TIMESTAMP, SIGNATURE, tampered)))
			.isEqualTo("The Slack signature does not match the request.");
	}

	@Test
	void verifyWhenSignedWithAnotherSecretShouldRefuseWithoutTellingTheExpectedSignature() {
		SlackRequestVerifier other = new SlackRequestVerifier("another-secret",
				Clock.fixed(Instant.ofEpochSecond(1531420618), ZoneOffset.UTC));
		assertThat(refusal(verify(other, TIMESTAMP, SIGNATURE, BODY))).doesNotContain("a2114d57")
			.doesNotContain("another-secret");
	}

	@Test
	void verifyWhenTimestampIsNotTheSignedOneShouldRefuse() {
		refusal(verify(this.verifier, "1531420619", SIGNATURE, BODY));
	}

	@Test
	void verifyWhenVersionPrefixIsMissingShouldRefuse() {
		refusal(verify(this.verifier, TIMESTAMP, SIGNATURE.substring(3), BODY));
	}

	@Test
	void verifyWhenTimestampIsFiveMinutesOldShouldAccept() {
		assertThat(verify(verifierAt(1531420618 + 300), TIMESTAMP, SIGNATURE, BODY))
			.isInstanceOf(Verification.Verified.class);
	}

	@Test
	void verifyWhenTimestampIsMoreThanFiveMinutesOldShouldRefuse() {
		assertThat(refusal(verify(verifierAt(1531420618 + 301), TIMESTAMP, SIGNATURE, BODY))).contains("five minutes");
	}

	@Test
	void verifyWhenTimestampIsMoreThanFiveMinutesAheadShouldRefuse() {
		assertThat(refusal(verify(verifierAt(1531420618 - 301), TIMESTAMP, SIGNATURE, BODY))).contains("five minutes");
	}

	@Test
	void verifyWhenHeadersAreMissingShouldRefuse() {
		assertThat(refusal(verify(this.verifier, null, SIGNATURE, BODY))).contains("required");
		assertThat(refusal(verify(this.verifier, TIMESTAMP, null, BODY))).contains("required");
		refusal(verify(this.verifier, " ", "", BODY));
	}

	@Test
	void verifyWhenTimestampIsNotANumberShouldRefuse() {
		assertThat(refusal(verify(this.verifier, "yesterday", SIGNATURE, BODY))).contains("Unix time");
	}

	private static Verification verify(SlackRequestVerifier verifier, String timestamp, String signature, byte[] body) {
		HttpHeaders headers = new HttpHeaders();
		if (timestamp != null) {
			headers.set(SlackRequestVerifier.TIMESTAMP_HEADER, timestamp);
		}
		if (signature != null) {
			headers.set(SlackRequestVerifier.SIGNATURE_HEADER, signature);
		}
		return verifier.verify(new ChatRequest("", headers, body));
	}

	/** The reason of a refusal, which must be an unauthorized one. */
	private static String refusal(Verification verification) {
		assertThat(verification).isInstanceOf(Verification.Refused.class);
		ChatRequestProblem problem = ((Verification.Refused) verification).problem();
		assertThat(problem.kind()).isEqualTo(ChatRequestProblem.Kind.UNAUTHORIZED);
		return problem.detail();
	}

	private static SlackRequestVerifier verifierAt(long epochSecond) {
		return new SlackRequestVerifier(SECRET, Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
	}

}
