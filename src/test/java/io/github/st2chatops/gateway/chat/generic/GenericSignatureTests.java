package io.github.st2chatops.gateway.chat.generic;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generic signature against a value computed outside Java (the worked example of
 * docs/platforms/generic.md):
 *
 * <pre>
 * printf '%s' '1718000000.{"text":"!st2 pack get st2","user":"ci-bot","channel":"builds"}' \
 *   | openssl dgst -sha256 -hmac 'generic-secret-for-tests-0123456789'
 * </pre>
 */
class GenericSignatureTests {

	static final String SECRET = "generic-secret-for-tests-0123456789";

	static final byte[] BODY = "{\"text\":\"!st2 pack get st2\",\"user\":\"ci-bot\",\"channel\":\"builds\"}"
		.getBytes(StandardCharsets.UTF_8);

	static final String EXPECTED = "sha256=f06d222052ff1a169946b405622c9344fd38f48b54929d52ff3c8cb34c4016fa";

	@Test
	void signShouldMatchOpenssl() {
		assertThat(GenericSignature.sign(SECRET, "1718000000", BODY)).isEqualTo(EXPECTED);
	}

	@Test
	void matchesShouldAcceptTheSignatureInAnyCase() {
		assertThat(GenericSignature.matches(SECRET, "1718000000", BODY, EXPECTED)).isTrue();
		assertThat(GenericSignature.matches(SECRET, "1718000000", BODY, EXPECTED.toUpperCase())).isTrue();
	}

	@Test
	void matchesShouldRefuseAnotherTimestampBodyOrSecret() {
		assertThat(GenericSignature.matches(SECRET, "1718000001", BODY, EXPECTED)).isFalse();
		assertThat(GenericSignature.matches(SECRET, "1718000000", "{}".getBytes(StandardCharsets.UTF_8), EXPECTED))
			.isFalse();
		assertThat(GenericSignature.matches("another-secret-0123456789", "1718000000", BODY, EXPECTED)).isFalse();
	}

	@Test
	void matchesShouldRefuseMissingOrUnprefixedSignatures() {
		assertThat(GenericSignature.matches(SECRET, "1718000000", BODY, null)).isFalse();
		assertThat(GenericSignature.matches(SECRET, "1718000000", BODY, EXPECTED.substring(7))).isFalse();
		assertThat(GenericSignature.matches(SECRET, "1718000000", BODY, "sha1=" + EXPECTED.substring(7))).isFalse();
	}

}
