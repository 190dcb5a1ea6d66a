package io.github.st2chatops.gateway.chat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.junit.Stubbing;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultMatcher;

import io.github.st2chatops.gateway.support.GatewayHttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What every chat webhook test does: read a documented payload, sign it the platform's
 * way (written here from the platforms' documentation, not with the gateway's own
 * verifiers), post it, check a problem details answer, and await what the gateway posted
 * to the platform's stub.
 */
public final class WebhookTestSupport {

	private static final String PROBLEM = "urn:st2-chatops-gateway:problem:";

	private WebhookTestSupport() {
	}

	/**
	 * A fixture under {@code src/test/resources}.
	 * @param path e.g. {@code /chat/teams/outgoing-webhook-message.json}
	 * @return its bytes
	 */
	public static byte[] fixture(String path) {
		try (InputStream in = WebhookTestSupport.class.getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalArgumentException("no fixture " + path);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A fixture as UTF-8 text.
	 * @param path e.g. {@code /chat/slack/app-mention.json}
	 * @return its text
	 */
	public static String fixtureText(String path) {
		return new String(fixture(path), StandardCharsets.UTF_8);
	}

	/**
	 * Slack's signature headers: {@code v0=} and the hex HMAC-SHA256 of
	 * {@code v0:<timestamp>:<body>}.
	 * @param secret the signing secret
	 * @param at the request time
	 * @param body the body
	 * @return header names and values
	 */
	public static String[] slackSigned(String secret, Instant at, byte[] body) {
		String timestamp = String.valueOf(at.getEpochSecond());
		String signature = "v0=" + HmacSha256.signHex(secret.getBytes(StandardCharsets.UTF_8),
				("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8), body);
		return new String[] { "X-Slack-Request-Timestamp", timestamp, "X-Slack-Signature", signature };
	}

	/**
	 * The generic webhook's signature headers: {@code sha256=} and the hex HMAC-SHA256 of
	 * {@code <timestamp>.<body>}.
	 * @param secret the shared secret
	 * @param timestamp Unix seconds
	 * @param body the body
	 * @return header names and values
	 */
	public static String[] genericSigned(String secret, String timestamp, byte[] body) {
		String signature = "sha256=" + HmacSha256.signHex(secret.getBytes(StandardCharsets.UTF_8),
				(timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
		return new String[] { "X-Gateway-Timestamp", timestamp, "X-Gateway-Signature", signature };
	}

	/**
	 * Teams' {@code Authorization} header: {@code HMAC} and the base64 HMAC-SHA256 of the
	 * body under the decoded security token.
	 * @param key the decoded security token
	 * @param body the body
	 * @return header name and value
	 */
	public static String[] teamsSigned(byte[] key, byte[] body) {
		return new String[] { HttpHeaders.AUTHORIZATION,
				"HMAC " + Base64.getEncoder().encodeToString(HmacSha256.sign(key, body)) };
	}

	/**
	 * A fresh Ed25519 key pair, as a Discord application has.
	 * @return the key pair
	 */
	public static KeyPair discordKeyPair() {
		try {
			return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The public key as Discord shows it: the 32 raw bytes in hex (the end of the X.509
	 * encoding).
	 * @param keys the key pair
	 * @return 64 hex digits
	 */
	public static String discordPublicKeyHex(KeyPair keys) {
		byte[] encoded = keys.getPublic().getEncoded();
		return HexFormat.of().formatHex(encoded, encoded.length - 32, encoded.length);
	}

	/**
	 * Discord's signature headers: {@code X-Signature-Ed25519}, the hex Ed25519 signature
	 * of {@code <timestamp><body>}, and {@code X-Signature-Timestamp}.
	 * @param key the application's private key
	 * @param timestamp Unix seconds
	 * @param body the body
	 * @return header names and values
	 */
	public static String[] discordSigned(PrivateKey key, String timestamp, byte[] body) {
		try {
			Signature signer = Signature.getInstance("Ed25519");
			signer.initSign(key);
			signer.update(timestamp.getBytes(StandardCharsets.UTF_8));
			signer.update(body);
			return new String[] { "X-Signature-Ed25519", HexFormat.of().formatHex(signer.sign()),
					"X-Signature-Timestamp", timestamp };
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Asserts a problem details answer of the gateway's, which names none of the secrets.
	 * @param response the answer
	 * @param status its status
	 * @param type the problem type's last part, e.g. {@code unauthorized}
	 * @param secrets what the answer must not contain
	 */
	public static void assertProblem(GatewayHttp.Response response, int status, String type, String... secrets) {
		assertThat(response.status()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.json()).containsEntry("type", PROBLEM + type);
		for (String secret : secrets) {
			assertThat(response.body()).doesNotContain(secret);
		}
	}

	/**
	 * The same for a {@code MockMvc} answer.
	 * @param status its status
	 * @param type the problem type's last part
	 * @return a matcher
	 */
	public static ResultMatcher problem(int status, String type) {
		return (result) -> {
			status().is(status).match(result);
			content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON).match(result);
			jsonPath("$.type").value(PROBLEM + type).match(result);
		};
	}

	/**
	 * Waits until a stub has received at least a number of requests.
	 * @param server the stub
	 * @param count how many
	 * @return every request it received, oldest first
	 */
	public static List<LoggedRequest> awaitRequests(WireMockServer server, int count) {
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(server.getAllServeEvents()).hasSizeGreaterThanOrEqualTo(count));
		// WireMock lists the newest first
		List<LoggedRequest> requests = new ArrayList<>(
				server.getAllServeEvents().stream().map((event) -> event.getRequest()).toList());
		Collections.reverse(requests);
		return requests;
	}

	/**
	 * Stubs a request to be answered in turn (a WireMock scenario of its own): the first
	 * matching request gets the first answer, the next one the second, and so on; the
	 * last answer stays for every later request.
	 * @param server the stub
	 * @param request a new matcher for the request each time it is called
	 * @param answers the answers, in order
	 */
	public static void stubInTurn(Stubbing server, Supplier<MappingBuilder> request,
			ResponseDefinitionBuilder... answers) {
		String scenario = "in turn " + UUID.randomUUID();
		for (int i = 0; i < answers.length; i++) {
			ScenarioMappingBuilder stub = request.get()
				.inScenario(scenario)
				.whenScenarioStateIs((i == 0) ? Scenario.STARTED : "answer " + i)
				.willReturn(answers[i]);
			server.stubFor((i < answers.length - 1) ? stub.willSetStateTo("answer " + (i + 1)) : stub);
		}
	}

	/**
	 * A long answer of numbered lines, {@code line 1 <of>} to {@code line <count> <of>}.
	 * @param count how many lines
	 * @param of what each line says after its number
	 * @return the lines, joined by line breaks
	 */
	public static String numberedLines(int count, String of) {
		return IntStream.rangeClosed(1, count)
			.mapToObj((i) -> "line " + i + " " + of)
			.collect(Collectors.joining("\n"));
	}

	/**
	 * Asserts that the parts posted are a text split as the gateway splits it: each
	 * within the limit, each but the last ending with {@link MessageSplitter#CONTINUED},
	 * and all of them, joined by line breaks, the text again.
	 * @param parts the parts, in the order they were posted
	 * @param limit the platform's message limit
	 * @param text the text that was split
	 */
	public static void assertSplit(List<String> parts, int limit, String text) {
		StringBuilder joined = new StringBuilder();
		for (int i = 0; i < parts.size(); i++) {
			String part = parts.get(i);
			assertThat(part.length()).isLessThanOrEqualTo(limit);
			if (i < parts.size() - 1) {
				assertThat(part).endsWith(MessageSplitter.CONTINUED);
				part = part.substring(0, part.length() - MessageSplitter.CONTINUED.length());
			}
			joined.append(part).append('\n');
		}
		assertThat(joined.toString().strip()).isEqualTo(text);
	}

}
