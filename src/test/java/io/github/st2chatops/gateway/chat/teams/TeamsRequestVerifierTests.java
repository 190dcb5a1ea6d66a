package io.github.st2chatops.gateway.chat.teams;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import io.github.st2chatops.gateway.chat.ChatRequest;
import io.github.st2chatops.gateway.chat.ChatRequestProblem;
import io.github.st2chatops.gateway.chat.ChatRequestVerifier.Verification;

import static org.assertj.core.api.Assertions.assertThat;

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
		assertThat(verify(this.verifier, EXPECTED, BODY)).isInstanceOf(Verification.Verified.class);
		assertThat(verify(this.verifier, "hmac " + EXPECTED.substring(5), BODY))
			.isInstanceOf(Verification.Verified.class);
	}

	@Test
	void verifyShouldRefuseAnotherBody() {
		assertUnauthorized(verify(this.verifier, EXPECTED, "{}".getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void verifyShouldRefuseMissingOrOtherSchemes() {
		assertUnauthorized(verify(this.verifier, null, BODY));
		assertUnauthorized(verify(this.verifier, "Bearer " + EXPECTED.substring(5), BODY));
		assertUnauthorized(verify(this.verifier, EXPECTED.substring(5), BODY));
		assertUnauthorized(verify(this.verifier, "HMAC ", BODY));
	}

	@Test
	void verifyShouldRefuseAnotherKey() {
		TeamsRequestVerifier other = new TeamsRequestVerifier("another key".getBytes(StandardCharsets.UTF_8));
		assertUnauthorized(verify(other, EXPECTED, BODY));
	}

	private static Verification verify(TeamsRequestVerifier verifier, String authorization, byte[] body) {
		HttpHeaders headers = new HttpHeaders();
		if (authorization != null) {
			headers.set(HttpHeaders.AUTHORIZATION, authorization);
		}
		return verifier.verify(new ChatRequest("", headers, body));
	}

	private static void assertUnauthorized(Verification verification) {
		assertThat(verification).isInstanceOfSatisfying(Verification.Refused.class, (refused) -> {
			assertThat(refused.problem().kind()).isEqualTo(ChatRequestProblem.Kind.UNAUTHORIZED);
			assertThat(refused.problem().detail()).doesNotContain(EXPECTED.substring(5));
		});
	}

}
