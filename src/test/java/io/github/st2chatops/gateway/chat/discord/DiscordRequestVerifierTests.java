package io.github.st2chatops.gateway.chat.discord;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import io.github.st2chatops.gateway.chat.ChatRequest;
import io.github.st2chatops.gateway.chat.ChatRequestVerifier.Verification;

import static io.github.st2chatops.gateway.chat.WebhookTestSupport.discordKeyPair;
import static io.github.st2chatops.gateway.chat.WebhookTestSupport.discordPublicKeyHex;
import static io.github.st2chatops.gateway.chat.WebhookTestSupport.discordSigned;
import static io.github.st2chatops.gateway.chat.WebhookTestSupport.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Discord's signature scheme: Ed25519 over {@code <X-Signature-Timestamp><body>}, checked
 * with the application's public key as Discord shows it (32 raw bytes in hex). A key pair
 * generated here signs Discord's documented request shape; RFC 8032's own test vectors
 * check that the raw key is read the way every Ed25519 library reads it (Discord
 * publishes no signed example).
 */
class DiscordRequestVerifierTests {

	private static final long NOW = 1_765_000_000L;

	private static final String TIMESTAMP = String.valueOf(NOW);

	private static final byte[] BODY = fixture("/chat/discord/application-command.json");

	private final KeyPair keys = discordKeyPair();

	private final DiscordRequestVerifier verifier = new DiscordRequestVerifier(discordPublicKeyHex(this.keys),
			Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

	@Test
	void verifyWhenSignedWithTheApplicationsKeyShouldAccept() {
		assertThat(verify(discordSigned(this.keys.getPrivate(), TIMESTAMP, BODY), BODY))
			.isInstanceOf(Verification.Verified.class);
	}

	@Test
	void verifyWhenSignatureIsUpperCaseHexShouldAccept() {
		String[] headers = discordSigned(this.keys.getPrivate(), TIMESTAMP, BODY);
		headers[1] = headers[1].toUpperCase();
		assertThat(verify(headers, BODY)).isInstanceOf(Verification.Verified.class);
	}

	@Test
	void verifyWhenOneByteOfTheBodyChangedShouldRefuse() {
		String[] headers = discordSigned(this.keys.getPrivate(), TIMESTAMP, BODY);
		byte[] tampered = BODY.clone();
		tampered[tampered.length - 3] ^= 1;
		assertThat(refusal(verify(headers, tampered))).isEqualTo("The Discord signature does not match the request.");
	}

	@Test
	void verifyWhenTheTimestampWasChangedShouldRefuse() {
		String[] headers = discordSigned(this.keys.getPrivate(), TIMESTAMP, BODY);
		headers[3] = String.valueOf(NOW - 1);
		assertThat(refusal(verify(headers, BODY))).isEqualTo("The Discord signature does not match the request.");
	}

	@Test
	void verifyWhenSignedWithAnotherKeyShouldRefuse() {
		assertThat(verify(discordSigned(discordKeyPair().getPrivate(), TIMESTAMP, BODY), BODY))
			.isInstanceOf(Verification.Refused.class);
	}

	@Test
	void verifyWhenTimestampIsTooOldOrTooNewShouldRefuseThoughSigned() {
		for (long at : new long[] { NOW - 301, NOW + 301 }) {
			String timestamp = String.valueOf(at);
			assertThat(refusal(verify(discordSigned(this.keys.getPrivate(), timestamp, BODY), BODY)))
				.isEqualTo("X-Signature-Timestamp is more than five minutes away from the gateway's clock.");
		}
		String edge = String.valueOf(NOW - 300);
		assertThat(verify(discordSigned(this.keys.getPrivate(), edge, BODY), BODY))
			.isInstanceOf(Verification.Verified.class);
	}

	@Test
	void verifyWhenHeadersAreMissingOrMalformedShouldRefuse() {
		String[] signed = discordSigned(this.keys.getPrivate(), TIMESTAMP, BODY);
		assertThat(refusal(verify(new String[] { "X-Signature-Timestamp", TIMESTAMP }, BODY)))
			.isEqualTo("The X-Signature-Ed25519 and X-Signature-Timestamp headers are required.");
		assertThat(refusal(verify(new String[] { "X-Signature-Ed25519", signed[1] }, BODY)))
			.isEqualTo("The X-Signature-Ed25519 and X-Signature-Timestamp headers are required.");
		assertThat(refusal(
				verify(new String[] { "X-Signature-Ed25519", signed[1], "X-Signature-Timestamp", "soon" }, BODY)))
			.isEqualTo("X-Signature-Timestamp is not a Unix time in seconds.");
		for (String bad : new String[] { "zz", signed[1].substring(2), signed[1] + "00", "00".repeat(64) }) {
			assertThat(refusal(
					verify(new String[] { "X-Signature-Ed25519", bad, "X-Signature-Timestamp", TIMESTAMP }, BODY)))
				.isEqualTo("The Discord signature does not match the request.");
		}
	}

	@Test
	void matchesWhenRfc8032TestVectorsShouldAcceptThemAndNothingElse() {
		// RFC 8032, section 7.1, TEST 1 (empty message) and TEST 2 (one byte, 0x72)
		var test1 = DiscordRequestVerifier
			.publicKey("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
		String signature1 = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
		var test2 = DiscordRequestVerifier
			.publicKey("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
		String signature2 = "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00";
		byte[] none = new byte[0];
		assertThat(DiscordRequestVerifier.matches(test1, none, none, signature1)).isTrue();
		assertThat(DiscordRequestVerifier.matches(test2, none, new byte[] { 0x72 }, signature2)).isTrue();
		// the signed content is the two parts one after the other, however they are cut
		assertThat(DiscordRequestVerifier.matches(test2, new byte[] { 0x72 }, none, signature2)).isTrue();
		assertThat(DiscordRequestVerifier.matches(test2, none, new byte[] { 0x73 }, signature2)).isFalse();
		assertThat(DiscordRequestVerifier.matches(test1, none, new byte[] { 0x72 }, signature2)).isFalse();
	}

	@Test
	void publicKeyWhenNotAKeyShouldFailNamingTheProperty() {
		assertThatIllegalArgumentException().isThrownBy(() -> DiscordRequestVerifier.publicKey("00".repeat(31)))
			.withMessageContaining("gateway.chat.discord.public-key");
		assertThat(
				HexFormat.of()
					.formatHex(DiscordRequestVerifier
						.publicKey("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
						.getEncoded()))
			.endsWith("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
	}

	private Verification verify(String[] headerPairs, byte[] body) {
		HttpHeaders headers = new HttpHeaders();
		for (int i = 0; i < headerPairs.length; i += 2) {
			headers.add(headerPairs[i], headerPairs[i + 1]);
		}
		return this.verifier.verify(new ChatRequest("", headers, body));
	}

	private static String refusal(Verification verification) {
		assertThat(verification).isInstanceOf(Verification.Refused.class);
		return ((Verification.Refused) verification).problem().detail();
	}

}
