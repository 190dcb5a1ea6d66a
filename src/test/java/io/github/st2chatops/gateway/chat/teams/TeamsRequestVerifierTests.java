package io.github.st2chatops.gateway.chat.teams;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import io.github.st2chatops.gateway.web.GatewayProblemException;
import io.github.st2chatops.gateway.web.ProblemType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Teams HMAC for a known body and key, computed outside Java. The key is the example
 * security token of Microsoft's outgoing webhook documentation; the expected value comes
 * from
 *
 * <pre>
 * printf '%s' '{"type":"message","id":"1485983408511","text":"&lt;at&gt;st2&lt;/at&gt; pack get st2"}' \
 *   | openssl dgst -sha256 -mac HMAC -macopt hexkey:$(printf '%s' "$TOKEN" | base64 -d | xxd -p -c 256) -binary \
 *   | base64
 * </pre>
 */
class TeamsRequestVerifierTests {

	static final String SECURITY_TOKEN = "vqF0En+Z0ucuRTM/01o2GuhMH3hKKk/N2bOmlM31zaA=";

	static final byte[] BODY = "{\"type\":\"message\",\"id\":\"1485983408511\",\"text\":\"<at>st2</at> pack get st2\"}"
		.getBytes(StandardCharsets.UTF_8);

	static final String EXPECTED = "HMAC YR+G1edcTrtzH5A9ajigue2WJIwS/i/9ZgavzPbkHPM=";

	final TeamsRequestVerifier verifier = new TeamsRequestVerifier(Base64.getDecoder().decode(SECURITY_TOKEN));

	@Test
	void authorizationShouldMatchOpenssl() {
		assertThat(TeamsRequestVerifier.authorization(Base64.getDecoder().decode(SECURITY_TOKEN), BODY))
			.isEqualTo(EXPECTED);
	}

	@Test
	void verifyShouldAcceptTheRightSignature() {
		assertThatNoException().isThrownBy(() -> this.verifier.verify(EXPECTED, BODY));
		assertThatNoException().isThrownBy(() -> this.verifier.verify("hmac " + EXPECTED.substring(5), BODY));
	}

	@Test
	void verifyShouldRefuseAnotherBody() {
		assertUnauthorized(() -> this.verifier.verify(EXPECTED, "{}".getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void verifyShouldRefuseMissingOrOtherSchemes() {
		assertUnauthorized(() -> this.verifier.verify(null, BODY));
		assertUnauthorized(() -> this.verifier.verify("Bearer " + EXPECTED.substring(5), BODY));
		assertUnauthorized(() -> this.verifier.verify(EXPECTED.substring(5), BODY));
		assertUnauthorized(() -> this.verifier.verify("HMAC ", BODY));
	}

	@Test
	void verifyShouldRefuseAnotherKey() {
		TeamsRequestVerifier other = new TeamsRequestVerifier("another key".getBytes(StandardCharsets.UTF_8));
		assertUnauthorized(() -> other.verify(EXPECTED, BODY));
	}

	private static void assertUnauthorized(Runnable call) {
		assertThatThrownBy(call::run).isInstanceOfSatisfying(GatewayProblemException.class, (ex) -> {
			assertThat(ex.problemType()).isEqualTo(ProblemType.UNAUTHORIZED);
			assertThat(ex.getMessage()).doesNotContain(EXPECTED.substring(5));
		});
	}

}
