package io.github.st2chatops.gateway.chat.mattermost;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.time.Duration;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.web.client.RestClient;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatCommand;
import io.github.st2chatops.gateway.chat.ChatInboundParser.Parsed;
import io.github.st2chatops.gateway.chat.ChatRequest;
import io.github.st2chatops.gateway.chat.ChatRequestProblem;
import io.github.st2chatops.gateway.chat.InboundCommand;

import static io.github.st2chatops.gateway.chat.WebhookTestSupport.fixtureText;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MattermostPostParser} on {@code posted} events shaped as Mattermost's server
 * builds them (the fixture), without a server.
 */
class MattermostPostParserTests {

	static final String BOT_ID = "wqx8rb6bdfgejbnyaoh8mwz9pe";

	static final String POST_ID = "ycnymb3rhtdqufe9ba7b8cxguw";

	private final JsonMapper jsonMapper = JsonMapper.builder().build();

	private final MattermostProperties properties = new MattermostProperties(List.of(),
			URI.create("https://mm.example.com"), "bot-token", MattermostProperties.UserField.ID,
			Duration.ofMillis(2500), 16383, Duration.ofHours(1), Duration.ofSeconds(10), List.of(),
			new MattermostProperties.WebSocket(true, Duration.ofSeconds(10), null));

	private final MattermostClient client = new MattermostClient(RestClient.create(),
			URI.create("https://mm.example.com"), "bot-token", this.jsonMapper);

	private final MattermostPostParser parser = new MattermostPostParser(this.properties, this.client,
			() -> new MattermostBot(BOT_ID, "st2bot"), this.jsonMapper);

	@Test
	void mentionShouldBeAddressedWithoutTheMentionAndClaimedOnThePostId() {
		InboundCommand<MattermostRequest> command = command(event((post, data) -> {
		}));

		assertThat(command.command()).isEqualTo(
				new ChatCommand(
						new ChatAddress("mattermost", "d6ku2ai1nfy6z3c7ffmxx3e8kr", "fy8j97gwii8atq3z6qrmwhx6gh",
								POST_ID, "rnina9994bde8mua79zqcg5hmo", "rnina9994bde8mua79zqcg5hmo", null),
						"pack get st2", true));
		assertThat(command.claimKeys()).containsExactly("mattermost:post:" + POST_ID);
		assertThat(this.client.rootOf(POST_ID)).as("the root is known without asking Mattermost").isEqualTo(POST_ID);
	}

	@Test
	void replyInADirectChannelShouldBeAddressedAndAnsweredInItsRootsThread() {
		InboundCommand<MattermostRequest> command = command(event((post, data) -> {
			post.put("message", "@st2bot").put("root_id", "p1k4wt7xhbdqfcsr8h7ct5qbhc");
			data.put("channel_type", "D").put("team_id", "").remove("mentions");
		}));

		assertThat(command.command().addressed()).isTrue();
		assertThat(command.command().text()).isEqualTo("help");
		assertThat(command.command().address().thread()).isEqualTo("p1k4wt7xhbdqfcsr8h7ct5qbhc");
		assertThat(command.command().address().workspace()).isNull();
	}

	@Test
	void channelPostWithoutMentionShouldBeHandedOnUnaddressed() {
		InboundCommand<MattermostRequest> command = command(event((post, data) -> {
			post.put("message", "!st2 pack get st2");
			data.remove("mentions");
		}));

		assertThat(command.command().addressed()).isFalse();
		assertThat(command.command().text()).isEqualTo("!st2 pack get st2");
	}

	@Test
	void botsWebhooksAndSystemMessagesShouldRunNothing() {
		assertThat(parse(event((post, data) -> post.put("user_id", BOT_ID)))).isInstanceOf(Parsed.Ignored.class);
		assertThat(parse(event((post, data) -> post.putObject("props").put("from_bot", "true"))))
			.isInstanceOf(Parsed.Ignored.class);
		assertThat(parse(event((post, data) -> post.putObject("props").put("from_webhook", "true"))))
			.isInstanceOf(Parsed.Ignored.class);
		assertThat(parse(event((post, data) -> post.put("type", "system_join_channel"))))
			.isInstanceOf(Parsed.Ignored.class);
	}

	@Test
	void postThatIsNotJsonShouldBeRefusedAsInvalid() {
		ObjectNode event = (ObjectNode) this.jsonMapper.readTree(fixtureText("/chat/mattermost/websocket-posted.json"));
		((ObjectNode) event.get("data")).put("post", "{not json");

		assertThat(parse(event)).isInstanceOfSatisfying(Parsed.Refused.class,
				(refused) -> assertThat(refused.problem().kind()).isEqualTo(ChatRequestProblem.Kind.INVALID));
	}

	@Test
	void withoutMentionShouldTakeOnlyTheBotsOwnLeadingMention() {
		assertThat(MattermostPostParser.withoutMention("@St2Bot: pack get st2", "st2bot")).isEqualTo("pack get st2");
		assertThat(MattermostPostParser.withoutMention("@st2bot, help", "st2bot")).isEqualTo("help");
		assertThat(MattermostPostParser.withoutMention("@st2botx pack get st2", "st2bot"))
			.isEqualTo("@st2botx pack get st2");
		assertThat(MattermostPostParser.withoutMention("ask @st2bot", "st2bot")).isEqualTo("ask @st2bot");
	}

	private InboundCommand<MattermostRequest> command(ObjectNode event) {
		Parsed<MattermostRequest> parsed = parse(event);
		assertThat(parsed).isInstanceOf(Parsed.Command.class);
		return ((Parsed.Command<MattermostRequest>) parsed).command();
	}

	private Parsed<MattermostRequest> parse(ObjectNode event) {
		return this.parser.parse(
				new ChatRequest(MattermostPostParser.POSTED, null, event.toString().getBytes(StandardCharsets.UTF_8)));
	}

	/** The fixture's event, with its post and data changed. */
	private ObjectNode event(BiConsumer<ObjectNode, ObjectNode> change) {
		ObjectNode event = (ObjectNode) this.jsonMapper.readTree(fixtureText("/chat/mattermost/websocket-posted.json"));
		ObjectNode data = (ObjectNode) event.get("data");
		ObjectNode post = (ObjectNode) this.jsonMapper.readTree(data.get("post").stringValue());
		change.accept(post, data);
		data.put("post", post.toString());
		return event;
	}

}
