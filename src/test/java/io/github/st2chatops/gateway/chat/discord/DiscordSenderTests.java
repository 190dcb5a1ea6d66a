package io.github.st2chatops.gateway.chat.discord;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatDelivery;
import io.github.st2chatops.gateway.chat.ChatDeliveryException;
import io.github.st2chatops.gateway.chat.ChatFile;
import io.github.st2chatops.gateway.chat.ChatReply;
import io.github.st2chatops.gateway.chat.ChatSenders;
import io.github.st2chatops.gateway.chat.DeliveryLedger;
import io.github.st2chatops.gateway.chat.DeliveryProperties;
import io.github.st2chatops.gateway.chat.DeliveryResult;
import io.github.st2chatops.gateway.chat.MessageSplitter;
import io.github.st2chatops.gateway.chat.PostLog;
import io.github.st2chatops.gateway.chat.RecordingSleeper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.st2chatops.gateway.chat.WebhookTestSupport.fixtureText;
import static io.github.st2chatops.gateway.chat.WebhookTestSupport.stubInTurn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How replies and results reach Discord, through {@link ChatDelivery} as in the gateway,
 * with WireMock as Discord's API: acks as follow-ups, results as the bot's channel
 * messages replying to the command's answer, whispers, 2,000-character parts, expired
 * tokens, and 429s with Discord's {@code retry_after}.
 */
class DiscordSenderTests {

	private static final String APPLICATION_ID = "1100000000000000000";

	private static final String CHANNEL = "645027906669510667";

	private static final String TOKEN = "aW50ZXJhY3Rpb246c2VuZGVy";

	private static final String WEBHOOK = "/api/v10/webhooks/" + APPLICATION_ID + "/" + TOKEN;

	private static final String MESSAGES = "/api/v10/channels/" + CHANNEL + "/messages";

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

	@RegisterExtension
	static WireMockExtension discord = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final RecordingSleeper sleeper = new RecordingSleeper();

	private DiscordProperties properties;

	private DiscordInteractions interactions;

	private ChatDelivery delivery;

	private ChatAddress address;

	private DiscordSender sender;

	@BeforeEach
	void setUp() {
		this.properties = new DiscordProperties("00".repeat(32), APPLICATION_ID, "test-bot-token",
				URI.create(discord.baseUrl() + "/api/v10"), "st2", DiscordProperties.UserField.ID, 2000,
				Duration.ofHours(1), Duration.ofSeconds(5));
		this.interactions = new DiscordInteractions(this.properties, Clock.systemUTC());
		useClient(RestClient.create());
		this.address = new ChatAddress("discord", "290926798626357999", CHANNEL, null, "53908232506183680",
				"53908232506183680", this.interactions.webhookUrl(TOKEN));
		discord.stubFor(post(WEBHOOK).willReturn(okJson(fixtureText("/chat/discord/message-created.json"))));
		discord.stubFor(get(WEBHOOK + "/messages/@original")
			.willReturn(okJson(fixtureText("/chat/discord/original-message.json"))));
		discord.stubFor(post(MESSAGES).willReturn(okJson(fixtureText("/chat/discord/message-created.json"))));
	}

	@Test
	void ackShouldBeTheFollowUpAndALongOneShouldGoInPartsOf2000() {
		this.interactions.awaitAck(TOKEN);
		String text = "line of output\n".repeat(300);

		assertThat(this.delivery.deliver(ChatReply.of(this.address, text)).delivered()).isTrue();

		List<String> parts = contents(WEBHOOK);
		assertThat(parts).hasSize(3).allSatisfy((part) -> assertThat(part.length()).isLessThanOrEqualTo(2000));
		assertThat(parts.get(0)).endsWith(MessageSplitter.CONTINUED);
		discord.verify(0, postRequestedFor(urlPathEqualTo(MESSAGES)));
		assertThat(this.interactions.awaitsAck(TOKEN)).isFalse();
	}

	@Test
	void resultShouldBeTheBotsChannelMessageReplyingToTheCommandsAnswer() {
		assertThat(this.delivery.deliver(ChatReply.of(this.address, "Deployed.")).delivered()).isTrue();

		discord.verify(1,
				postRequestedFor(urlPathEqualTo(MESSAGES)).withHeader("Authorization", equalTo("Bot test-bot-token"))
					.withRequestBody(matchingJsonPath("$.content", equalTo("Deployed.")))
					.withRequestBody(matchingJsonPath("$.message_reference.message_id", equalTo("1186300500000000000")))
					.withRequestBody(matchingJsonPath("$.message_reference.fail_if_not_exists", equalTo("false")))
					.withRequestBody(matchingJsonPath("$.allowed_mentions.parse[0]", equalTo("users"))));
		discord.verify(0, postRequestedFor(urlPathEqualTo(WEBHOOK)));
	}

	@Test
	void resultAfterTheTokenExpiredShouldBeAPlainChannelMessage() {
		discord.stubFor(get(WEBHOOK + "/messages/@original").willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\": \"Invalid Webhook Token\", \"code\": 50027}")));

		assertThat(this.delivery.deliver(ChatReply.of(this.address, "Deployed.")).delivered()).isTrue();
		assertThat(this.delivery.deliver(ChatReply.of(this.address, "Again.")).delivered()).isTrue();

		discord.verify(2, postRequestedFor(urlPathEqualTo(MESSAGES))
			.withRequestBody(matchingJsonPath("$.message_reference", absent())));
		// the gone token is not tried again
		discord.verify(1, getRequestedFor(urlPathEqualTo(WEBHOOK + "/messages/@original")));
	}

	@Test
	void resultRoutedByChannelAloneShouldBeAPlainChannelMessage() {
		ChatAddress byChannel = ChatAddress.fromSourceChannel("discord:" + CHANNEL);

		assertThat(this.delivery.deliver(ChatReply.of(byChannel, "Deployed.")).delivered()).isTrue();

		discord.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES))
			.withRequestBody(matchingJsonPath("$.message_reference", absent())));
	}

	@Test
	void responseUrlOfAnotherHostShouldNeverBeCalled() {
		ChatAddress forged = new ChatAddress("discord", null, CHANNEL, null, "1", "1",
				"http://127.0.0.1:9/api/v10/webhooks/" + APPLICATION_ID + "/" + TOKEN);

		assertThat(this.delivery.deliver(new ChatReply(forged, "psst", Map.of(), true)).delivered()).isTrue();

		discord.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES))
			.withRequestBody(matchingJsonPath("$.content", equalTo("<@1> psst"))));
	}

	@Test
	void whisperShouldBeAnEphemeralFollowUpWhileTheTokenWorksElseAMention() {
		assertThat(this.delivery.deliver(new ChatReply(this.address, "only you", Map.of(), true)).delivered()).isTrue();
		discord.verify(1,
				postRequestedFor(urlPathEqualTo(WEBHOOK)).withRequestBody(matchingJsonPath("$.flags", equalTo("64")))
					.withRequestBody(matchingJsonPath("$.content", equalTo("only you"))));

		discord.stubFor(post(WEBHOOK).willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\": \"Unknown Webhook\", \"code\": 10015}")));
		assertThat(this.delivery.deliver(new ChatReply(this.address, "later", Map.of(), true)).delivered()).isTrue();
		discord.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES))
			.withRequestBody(matchingJsonPath("$.content", equalTo("<@53908232506183680> later"))));
	}

	@Test
	void rateLimitedPartShouldWaitDiscordsRetryAfterAndResumeWithoutRepeatingEarlierParts() {
		stubInTurn(discord, () -> post(MESSAGES), okJson(fixtureText("/chat/discord/message-created.json")),
				aResponse().withStatus(429)
					.withHeader("Content-Type", "application/json")
					.withHeader("Retry-After", "2")
					.withHeader("X-RateLimit-Reset-After", "1.250")
					.withBody(
							"{\"message\": \"You are being rate limited.\", \"retry_after\": 1.25, \"global\": false}"),
				okJson(fixtureText("/chat/discord/message-created.json")));
		String text = "x".repeat(1500) + "\n" + "y".repeat(1500);

		DeliveryResult result = this.delivery
			.deliver(ChatReply.of(ChatAddress.fromSourceChannel("discord:" + CHANNEL), text));

		assertThat(result).isEqualTo(new DeliveryResult.Delivered(2));
		assertThat(this.sleeper.waits()).containsExactly(Duration.ofMillis(1250));
		List<String> parts = contents(MESSAGES);
		assertThat(parts).hasSize(3);
		assertThat(parts.get(0)).startsWith("xxx");
		assertThat(parts.get(1)).isEqualTo(parts.get(2)).startsWith("yyy");
	}

	@Test
	void refusedMessageShouldBeRejectedNamingTheCodeAndNotTheToken() {
		discord.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(403)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\": \"Missing Access\", \"code\": 50001}")));

		DeliveryResult result = this.delivery
			.deliver(ChatReply.of(ChatAddress.fromSourceChannel("discord:" + CHANNEL), "hello"));

		assertThat(result).isInstanceOfSatisfying(DeliveryResult.Rejected.class,
				(rejected) -> assertThat(rejected.reason()).contains("403", "50001").doesNotContain("test-bot-token"));
	}

	@Test
	void longResultShouldBeOneChannelMessageWithTheResultAttached() {
		String text = longResult();

		DeliveryResult result = this.delivery.deliver(ChatReply.of(this.address, text), DeliveryLedger.inMemory(),
				Integer.MAX_VALUE);

		assertThat(result.delivered()).isTrue();
		List<LoggedRequest> posts = discord.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)));
		assertThat(posts).hasSize(1);
		LoggedRequest upload = posts.get(0);
		assertThat(upload.getHeader("Authorization")).isEqualTo("Bot test-bot-token");
		assertThat(upload.getHeader("Content-Type")).startsWith("multipart/form-data;");
		assertThat(upload.getParts()).extracting(Request.Part::getName).containsExactly("payload_json", "files[0]");
		Request.Part payloadPart = upload.getPart("payload_json");
		assertThat(payloadPart.getHeader("Content-Type").firstValue()).startsWith("application/json");
		JsonNode payload = this.json.readTree(payloadPart.getBody().asString());
		assertThat(payload.path("content").asString()).startsWith("Action ops.dump completed.\nline 0000")
			.contains("st2-result.txt")
			.hasSizeLessThanOrEqualTo(2000);
		assertThat(payload.path("attachments")).hasSize(1);
		assertThat(payload.path("attachments").path(0).path("id").asInt()).isZero();
		assertThat(payload.path("attachments").path(0).path("filename").asString()).isEqualTo("st2-result.txt");
		assertThat(payload.path("message_reference").path("message_id").asString()).isEqualTo("1186300500000000000");
		assertThat(payload.path("message_reference").path("fail_if_not_exists").asBoolean(true)).isFalse();
		assertThat(payload.path("allowed_mentions").path("parse").path(0).asString()).isEqualTo("users");
		Request.Part file = upload.getPart("files[0]");
		assertThat(file.getHeader("Content-Disposition").firstValue())
			.isEqualTo("form-data; name=\"files[0]\"; filename=\"st2-result.txt\"");
		assertThat(MediaType.parseMediaType(file.getHeader("Content-Type").firstValue()))
			.isEqualTo(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8));
		assertThat(file.getBody().asString()).isEqualTo(text);
	}

	@Test
	void fileShouldGoAsAPlainMessageWhenTheAnswerCannotBeRead() {
		discord.stubFor(get(WEBHOOK + "/messages/@original").willReturn(aResponse().withStatus(503)));

		assertThat(this.delivery
			.deliver(ChatReply.of(this.address, longResult()), DeliveryLedger.inMemory(), Integer.MAX_VALUE)
			.delivered()).isTrue();

		List<LoggedRequest> posts = discord.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)));
		assertThat(posts).singleElement()
			.satisfies((post) -> assertThat(
					this.json.readTree(post.getPart("payload_json").getBody().asString()).has("message_reference"))
				.isFalse());
	}

	@Test
	void retriedResultShouldNotUploadTwice() {
		DeliveryLedger ledger = DeliveryLedger.inMemory();
		ChatReply reply = ChatReply.of(this.address, longResult());

		assertThat(this.delivery.deliver(reply, ledger, Integer.MAX_VALUE).delivered()).isTrue();
		assertThat(this.delivery.deliver(reply, ledger, Integer.MAX_VALUE).delivered()).isTrue();

		discord.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)));
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 413, 500 })
	void refusedUploadShouldFallBackToParts(int status) {
		discord.stubFor(post(MESSAGES).withHeader("Content-Type", containing("multipart/form-data"))
			.willReturn(aResponse().withStatus(status)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"message\": \"Request entity too large\", \"code\": 40005}")));
		String text = longResult();

		DeliveryResult result = this.delivery.deliver(ChatReply.of(this.address, text), DeliveryLedger.inMemory(),
				Integer.MAX_VALUE);

		assertThat(result.delivered()).isTrue();
		discord.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)).withHeader("Content-Type",
				containing("multipart/form-data")));
		List<String> parts = discord
			.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)).withHeader("Content-Type",
					containing("application/json")))
			.stream()
			.map((request) -> this.json.readTree(request.getBodyAsString()).path("content").asString())
			.toList();
		assertThat(parts).hasSizeGreaterThan(3).allSatisfy((part) -> assertThat(part).hasSizeLessThanOrEqualTo(2000));
		assertThat(parts.get(0)).startsWith("_(a long result");
		assertThat(String.join("", parts)).contains("line 000000").contains(text.substring(text.lastIndexOf('\n') + 1));
	}

	@Test
	void uploadWithoutAnAnswerShouldNotBeSentAgainNorSplit() {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory();
		requests.setReadTimeout(READ_TIMEOUT);
		useClient(RestClient.builder().requestFactory(requests).build());
		discord.stubFor(post(MESSAGES).withHeader("Content-Type", containing("multipart/form-data"))
			.willReturn(okJson(fixtureText("/chat/discord/message-created.json"))
				.withFixedDelay((int) READ_TIMEOUT.toMillis() + 1000)));

		this.delivery.deliver(ChatReply.of(this.address, longResult()), DeliveryLedger.inMemory(), Integer.MAX_VALUE);

		discord.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)));
	}

	@Test
	void fileOverDiscordsLimitShouldBeRefusedWithoutARequest() {
		ChatFile huge = new ChatFile("st2-result.txt", "x".repeat(DiscordSender.MAX_FILE_BYTES + 1), "first lines");

		assertThatExceptionOfType(ChatDeliveryException.class)
			.isThrownBy(() -> this.sender.sendFile(ChatReply.of(this.address, "first lines"), huge, PostLog.inMemory()))
			.satisfies((ex) -> assertThat(ex.outcomeUnknown()).isFalse())
			.withMessageContaining("10,485,760");
		discord.verify(0, postRequestedFor(urlPathEqualTo(MESSAGES)));
	}

	@Test
	void secondsShouldReadDiscordsFractionalRetryAfter() {
		assertThat(DiscordClient.seconds("64.57")).isEqualTo(Duration.ofMillis(64_570));
		assertThat(DiscordClient.seconds("0.0005")).isEqualTo(Duration.ofMillis(1));
		assertThat(DiscordClient.seconds("-1")).isNull();
		assertThat(DiscordClient.seconds("soon")).isNull();
	}

	private static String longResult() {
		StringBuilder result = new StringBuilder("Action ops.dump completed.\n");
		for (int line = 0; result.length() < 50 * 1024; line++) {
			result.append(String.format("line %06d: the output of a chatty action, going on and on%n", line));
		}
		return result.toString().strip();
	}

	private void useClient(RestClient restClient) {
		Clock clock = Clock.systemUTC();
		DiscordClient client = new DiscordClient(restClient, this.properties, this.interactions, this.json, clock);
		this.sender = new DiscordSender(client, this.interactions, this.properties.messageLimit());
		this.delivery = new ChatDelivery(new ChatSenders(List.of(this.sender)),
				new DeliveryProperties(Duration.ofMinutes(5), Duration.ofMillis(10), Duration.ofMillis(100), null),
				clock, this.sleeper, new SimpleMeterRegistry());
	}

	private List<String> contents(String path) {
		return discord.findAll(postRequestedFor(urlPathEqualTo(path))).stream().map((request) -> {
			JsonNode body = this.json.readTree(request.getBodyAsString());
			return body.path("content").asString();
		}).toList();
	}

}
