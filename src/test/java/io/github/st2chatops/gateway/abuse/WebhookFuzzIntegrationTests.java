package io.github.st2chatops.gateway.abuse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;

import io.github.st2chatops.gateway.chat.HmacSha256;
import io.github.st2chatops.gateway.support.GatewayIntegrationTestBase;
import io.github.st2chatops.gateway.support.St2WireMock;
import io.github.st2chatops.gateway.support.StubServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Randomized bodies, headers and encodings against every webhook and the REST API, with
 * every platform on: each answer is a 4xx or a normal answer, never a 5xx, and nothing
 * runs in st2, because no request carries a valid credential. The bodies carry tokens of
 * the right shape that are never the configured ones (near misses of them included), and
 * every request is checked for the configured secrets before it is sent, so the claim
 * holds for any seed. Seeded loops (the seed names each case) rather than a
 * property-based library, to stay on the JUnit Platform Boot manages; {@code -Dfuzz.seed}
 * adds one more seed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "gateway.st2.api-key=st2-test-api-key", "gateway.st2.retry.max-retries=0",
				"gateway.catalog.refresh-interval=1h", "gateway.api.keys.ci.user=ci-bot",
				"gateway.rate-limit.enabled=false",
				"gateway.chat.slack.bot-token=xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy",
				"gateway.chat.mattermost.bot-token=6ioei5o1zpgk7gxxq9ofsuwhyo",
				// RFC 8032's first test key: public, as Discord's application keys are
				"gateway.chat.discord.public-key=d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
				"gateway.chat.discord.application-id=1100000000000000000" })
class WebhookFuzzIntegrationTests extends GatewayIntegrationTestBase {

	/**
	 * Every credential the gateway accepts here, by the setting that configures it: all
	 * are set, and none may appear in a request.
	 */
	static final Map<String, String> CREDENTIALS = Map.ofEntries(
			entry("gateway.chat.slack.signing-secret", "8f742231b10e8888abcd99yyyzzz85a5"),
			entry("gateway.chat.generic.secret", "generic-secret-for-fuzz-0123456789"),
			// base64 of the 32 bytes "teams-key-for-fuzz-tests-32bytes"
			entry("gateway.chat.teams.security-token", "dGVhbXMta2V5LWZvci1mdXp6LXRlc3RzLTMyYnl0ZXM="),
			entry("gateway.chat.mattermost.token", "xr3j5x3p4pfk7kk6ck7b4e6ghh"),
			entry("gateway.chat.rocketchat.token", "rc-outgoing-token-for-tests"),
			entry("gateway.api.keys.ci.token", "ci-secret-token-0001"),
			entry("gateway.chat.discord.bot-token", "discord-bot-token-for-fuzz"));

	@DynamicPropertySource
	static void credentials(DynamicPropertyRegistry registry) {
		CREDENTIALS.forEach((setting, value) -> registry.add(setting, () -> value));
	}

	/**
	 * The default seed, then fixed ones (30 once made a body with the real Mattermost
	 * token), then {@code -Dfuzz.seed} when given.
	 */
	static final long[] SEEDS = { 20261124L, 30L, 1L, 7L, 424242L, 8675309L };

	static final int CASES = 100;

	static final String[] PATHS = { "/chat/slack/commands", "/chat/slack/events", "/chat/mattermost", "/chat/teams",
			"/chat/rocketchat", "/chat/generic", "/chat/discord", "/api/v1/commands", "/api/v1/commands/match" };

	static final String[] CONTENT_TYPES = { "application/json", "application/x-www-form-urlencoded", "text/plain",
			"application/json; charset=ISO-8859-1", "application/json; charset=UTF-16",
			"multipart/form-data; boundary=x", "application/xml", "", "*/*", "application/*", "a/b/c",
			"application/json; charset=bogus" };

	static final String[] LINES = { "!st2 deploy web to prod", "deploy web to prod", "!st2 help", "help",
			"!st2 restart nginx", "uptime on web1", "<@U0BOT> deploy api to qa", "!st2 match deploy x to y" };

	@RegisterExtension
	static final StubServer st2 = StubServer.st2();

	@RegisterExtension
	static final StubServer chat = StubServer.serving("gateway.chat.slack.api-url", "/slack")
		.andServing("gateway.chat.mattermost.url", "")
		.andServing("gateway.chat.teams.default-workflow-url", "/teams")
		.andServing("gateway.chat.rocketchat.webhook-url", "/rocketchat")
		.andServing("gateway.chat.generic.callback-url", "/generic")
		.andServing("gateway.chat.discord.api-url", "/discord");

	final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@BeforeEach
	void stubs() {
		st2.resetAll();
		chat.resetAll();
		chat.stubFor(any(anyUrl()).willReturn(okJson("{\"ok\": true}")));
		St2WireMock.stubSampleCatalog(st2);
		// were anything to run, st2 would start it: the test counts what reached st2
		St2WireMock.stubDeployStarted(st2, "5f1a7e2b9c1d4a0001e0e001");
		syncCatalog();
	}

	static LongStream seeds() {
		Long extra = Long.getLong("fuzz.seed");
		return (extra != null) ? LongStream.concat(LongStream.of(SEEDS), LongStream.of(extra)) : LongStream.of(SEEDS);
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void randomizedRequestsShouldNeverAnswer5xxNorRunAnythingUnsigned(long seed) throws Exception {
		Random random = new Random(seed);
		List<String> failures = new ArrayList<>();
		for (int i = 0; i < CASES; i++) {
			String path = PATHS[random.nextInt(PATHS.length)];
			byte[] body = body(random);
			HttpRequest request = request(random, path, body);
			assertThat(carriesNoCredential(request, body)).as("seed %d case %d sends a valid credential", seed, i)
				.isTrue();
			HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() >= 500) {
				failures.add("case " + i + " " + path + " -> " + response.statusCode() + " " + response.body());
			}
		}
		assertThat(failures).as("seed " + seed).isEmpty();
		st2.verify(0, postRequestedFor(urlEqualTo("/api/v1/aliasexecution")));
	}

	/**
	 * Whether neither the body (in any of the charsets the fuzz uses) nor a header holds
	 * a credential the gateway accepts, so a request that ran a command would be a hole
	 * in the gateway and not in the test.
	 */
	private static boolean carriesNoCredential(HttpRequest request, byte[] body) {
		List<String> texts = new ArrayList<>();
		for (Charset charset : List.of(StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1, StandardCharsets.UTF_16)) {
			texts.add(new String(body, charset));
		}
		request.headers().map().values().forEach(texts::addAll);
		return texts.stream().noneMatch((text) -> CREDENTIALS.values().stream().anyMatch(text::contains));
	}

	/**
	 * A token of the right shape that is not the configured one: a near miss (one
	 * character changed, the first or the last missing, another case) or a random one.
	 */
	private static String wrongToken(Random random, String real) {
		char[] chars = real.toCharArray();
		int at = random.nextInt(chars.length);
		return switch (random.nextInt(5)) {
			case 0 -> {
				chars[at] = (chars[at] == 'x') ? 'y' : 'x';
				yield new String(chars);
			}
			case 1 -> real.substring(0, real.length() - 1);
			case 2 -> real.substring(1);
			case 3 -> real.toUpperCase(java.util.Locale.ROOT);
			default -> junk(random, real.length()).replace('&', '-').replace('"', '-').replace('\\', '-');
		};
	}

	private HttpRequest request(Random random, String path, byte[] body) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		String contentType = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
		if (!contentType.isEmpty()) {
			builder.header("Content-Type", contentType);
		}
		String timestamp = switch (random.nextInt(5)) {
			case 0 -> Long.toString(Instant.now().getEpochSecond());
			case 1 -> Long.toString(Instant.now().getEpochSecond() - 3600);
			case 2 -> "not-a-number";
			case 3 -> "99999999999999999999999";
			default -> "-1";
		};
		String fakeHex = "sha256=" + hex(random, 32);
		String forged = "v0=" + HmacSha256.signHex("a-wrong-secret".getBytes(StandardCharsets.UTF_8),
				("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8), body);
		// headers a caller might send: wrong or missing signatures, junk auth
		if (random.nextBoolean()) {
			builder.header("X-Slack-Request-Timestamp", timestamp);
			builder.header("X-Slack-Signature", random.nextBoolean() ? forged : "v0=" + hex(random, 32));
		}
		if (path.equals("/chat/discord") && random.nextBoolean()) {
			// an Ed25519 signature of the right length, made by no key of the
			// application's
			builder.header("X-Signature-Timestamp", timestamp);
			builder.header("X-Signature-Ed25519", hex(random, 64));
		}
		if (random.nextBoolean()) {
			builder.header("X-Gateway-Timestamp", timestamp);
			builder.header("X-Gateway-Signature", random.nextBoolean() ? fakeHex : junk(random, 40));
		}
		switch (random.nextInt(6)) {
			case 0 -> builder.header("Authorization", "Bearer " + junk(random, 30));
			case 1 ->
				builder.header("Authorization", "HMAC " + Base64.getEncoder().encodeToString(randomBytes(random, 32)));
			case 2 -> builder.header("Authorization", "Basic Og==");
			case 3 -> builder.header("Authorization", "Bearer");
			default -> {
			}
		}
		if (random.nextInt(4) == 0) {
			builder.header("Content-Encoding", random.nextBoolean() ? "gzip" : "br");
		}
		if (random.nextInt(4) == 0) {
			builder.header("Accept", random.nextBoolean() ? "text/html" : "application/xml");
		}
		return builder.build();
	}

	private static byte[] body(Random random) {
		String line = LINES[random.nextInt(LINES.length)];
		String text = switch (random.nextInt(10)) {
			case 0 -> "";
			case 1 -> "{";
			case 2 -> "{\"text\": \"" + line + "\", \"user\": \"alice\", \"channel\": \"builds\"}";
			case 3 -> "token=" + wrongToken(random, CREDENTIALS.get("gateway.chat.mattermost.token")) + "&text="
					+ line.replace(' ', '+') + "&user_id=U1&channel_id=C1";
			case 4 -> "token=wrong&command=%2Fst2&text=" + junk(random, 20) + "&%ZZ=%";
			case 5 ->
				"{\"type\": \"event_callback\", \"event_id\": \"Ev1\", \"event\": {\"type\": \"app_mention\", \"text\": \""
						+ line + "\", \"user\": \"U1\", \"channel\": \"C1\"}}";
			case 6 -> "{\"type\": \"message\", \"id\": \"1\", \"text\": \"<at>bot</at> " + line
					+ "\", \"from\": {\"id\": 7}, \"conversation\": null}";
			case 7 -> "{\"token\": \"" + wrongToken(random, CREDENTIALS.get("gateway.chat.rocketchat.token"))
					+ "\", \"text\": \"" + line + "\", \"message_id\": [1,2], \"user_id\": {}}";
			case 8 -> "[" + "[".repeat(random.nextInt(2000)) + "]";
			default -> new String(randomBytes(random, random.nextInt(600)), StandardCharsets.ISO_8859_1);
		};
		Charset charset = switch (random.nextInt(4)) {
			case 0 -> StandardCharsets.UTF_16;
			case 1 -> StandardCharsets.ISO_8859_1;
			default -> StandardCharsets.UTF_8;
		};
		byte[] bytes = text.getBytes(charset);
		if (random.nextInt(8) == 0 && bytes.length > 1) {
			// truncated in transit
			bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
		}
		return bytes;
	}

	private static byte[] randomBytes(Random random, int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

	private static String hex(Random random, int length) {
		StringBuilder hex = new StringBuilder();
		for (byte b : randomBytes(random, length)) {
			hex.append(String.format("%02x", b));
		}
		return hex.toString();
	}

	private static String junk(Random random, int length) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < length; i++) {
			text.append((char) (0x21 + random.nextInt(0x5d)));
		}
		return text.toString();
	}

}
