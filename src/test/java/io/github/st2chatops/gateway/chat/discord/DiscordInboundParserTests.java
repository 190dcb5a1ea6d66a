package io.github.st2chatops.gateway.chat.discord;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.github.st2chatops.gateway.chat.ChatAddress;
import io.github.st2chatops.gateway.chat.ChatCommand;
import io.github.st2chatops.gateway.chat.ChatCommandPreparer.Prepared;
import io.github.st2chatops.gateway.chat.ChatInboundParser.Parsed;
import io.github.st2chatops.gateway.chat.ChatRequest;
import io.github.st2chatops.gateway.chat.InboundCommand;

import static io.github.st2chatops.gateway.chat.WebhookTestSupport.fixtureText;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Discord's documented interaction shapes: a server's {@code member.user}, a DM's
 * {@code user}, the {@code command} option, and what runs nothing.
 */
class DiscordInboundParserTests {

	private static final String COMMAND = fixtureText("/chat/discord/application-command.json");

	private static final String WEBHOOKS = "https://discord.com/api/v10/webhooks/1100000000000000000/";

	@Test
	void parseWhenServerCommandShouldAddressTheChannelAndTheMembersUser() {
		InboundCommand<DiscordInteraction> inbound = command(parser(DiscordProperties.UserField.ID), COMMAND);

		assertThat(inbound.command()).isEqualTo(new ChatCommand(
				new ChatAddress("discord", "290926798626357999", "645027906669510667", null, "53908232506183680",
						"53908232506183680", WEBHOOKS + "aW50ZXJhY3Rpb246Nzg2MDA4NzI5NzE1MjEyMzM4OnRva2Vu"),
				"pack get \"st2\"", true));
		assertThat(inbound.claimKeys()).containsExactly("discord:interaction:786008729715212338");
		assertThat(inbound.message().id()).isEqualTo("786008729715212338");
		assertThat(inbound.message().toString()).doesNotContain("aW50ZXJhY3Rpb24");
	}

	@Test
	void parseWhenDirectMessageShouldTakeTheUserAndNoServer() {
		InboundCommand<DiscordInteraction> inbound = command(parser(DiscordProperties.UserField.NAME),
				fixtureText("/chat/discord/application-command-dm.json"));

		ChatAddress address = inbound.command().address();
		assertThat(address.workspace()).isNull();
		assertThat(address.channel()).isEqualTo("1186280000000000000");
		assertThat(address.userId()).isEqualTo("80351110224678912");
		assertThat(address.userName()).isEqualTo("nelly");
		assertThat(inbound.command().text()).isEqualTo("help");
	}

	@Test
	void parseWhenTheOptionIsLeftOutShouldAskForHelp() {
		String body = COMMAND.replace("{\"name\": \"command\", \"type\": 3, \"value\": \"pack get “st2”\"}", "");

		assertThat(command(parser(DiscordProperties.UserField.ID), body).command().text()).isEqualTo("help");
	}

	@Test
	void preparingShouldMarkTheInteractionAsAwaitingItsAck() {
		DiscordInteractions interactions = interactions();
		InboundCommand<DiscordInteraction> inbound = command(new DiscordInboundParser(
				properties(DiscordProperties.UserField.ID), interactions, JsonMapper.builder().build()), COMMAND);
		String token = inbound.message().token();
		assertThat(interactions.awaitsAck(token)).isFalse();

		assertThat(inbound.preparer().prepare(inbound.command())).isEqualTo(new Prepared.Ready(inbound.command()));

		assertThat(interactions.awaitsAck(token)).isTrue();
		assertThat(interactions.tokenOf(inbound.command().address().responseUrl())).isEqualTo(token);
	}

	@Test
	void parseWhenAMessageCommandOrAnotherTypeShouldIgnoreIt() {
		DiscordInboundParser parser = parser(DiscordProperties.UserField.ID);
		assertThat(parse(parser, COMMAND.replace("\"type\": 1\n  },", "\"type\": 3\n  },")))
			.isInstanceOf(Parsed.Ignored.class);
		assertThat(parse(parser, COMMAND.replace("\"type\": 2,", "\"type\": 4,"))).isInstanceOf(Parsed.Ignored.class);
		assertThat(parse(parser, "{\"type\": 1}")).isInstanceOf(Parsed.Handshake.class);
		assertThat(parse(parser, "[1]")).isInstanceOf(Parsed.Refused.class);
		assertThat(parse(parser, COMMAND.replace("\"token\"", "\"other\""))).isInstanceOf(Parsed.Refused.class);
	}

	private static InboundCommand<DiscordInteraction> command(DiscordInboundParser parser, String body) {
		Parsed<DiscordInteraction> parsed = parse(parser, body);
		assertThat(parsed).isInstanceOf(Parsed.Command.class);
		return ((Parsed.Command<DiscordInteraction>) parsed).command();
	}

	private static Parsed<DiscordInteraction> parse(DiscordInboundParser parser, String body) {
		return parser.parse(new ChatRequest("", null, body.getBytes(StandardCharsets.UTF_8)));
	}

	private static DiscordInboundParser parser(DiscordProperties.UserField userField) {
		DiscordProperties properties = properties(userField);
		return new DiscordInboundParser(properties, new DiscordInteractions(properties, Clock.systemUTC()),
				JsonMapper.builder().build());
	}

	private static DiscordInteractions interactions() {
		return new DiscordInteractions(properties(DiscordProperties.UserField.ID), Clock.systemUTC());
	}

	private static DiscordProperties properties(DiscordProperties.UserField userField) {
		return new DiscordProperties("a1".repeat(32), "1100000000000000000", "bot",
				URI.create("https://discord.com/api/v10"), "st2", userField, 2000, Duration.ofHours(1),
				Duration.ofSeconds(10));
	}

}
