package io.github.st2chatops.gateway.chat.slack;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlackTextTests {

	private static final Set<String> BOT = Set.of("U0LAN0Z89");

	@Test
	void cleanWhenAppMentionShouldDropTheLeadingMention() {
		assertThat(SlackText.clean("<@U0LAN0Z89> pack get st2", BOT, true)).isEqualTo("pack get st2");
		assertThat(SlackText.clean("<@U0OTHER|st2bot>: pack get st2", Set.of(), true)).isEqualTo("pack get st2");
	}

	@Test
	void cleanWhenTheAppIsMentionedMidLineShouldDropItsMention() {
		assertThat(SlackText.clean("hey <@U0LAN0Z89> pack get st2", BOT, false)).isEqualTo("hey pack get st2");
	}

	@Test
	void cleanWhenOtherPeopleAndChannelsAreMentionedShouldKeepThemReadable() {
		assertThat(SlackText.clean(
				"notify <@U123> and <@W456|bob> in <#C789|ops> or <#C111> <!here> <!subteam^S1|@oncall>", BOT, false))
			.isEqualTo("notify @U123 and @bob in #ops or #C111 @here @oncall");
	}

	@Test
	void cleanWhenSlackMadeLinksShouldGiveWhatWasTyped() {
		assertThat(SlackText.clean("check <https://example.com|example.com> <http://x.io/a?b=1&amp;c=2> "
				+ "<mailto:me@example.com|me@example.com>", BOT, false))
			.isEqualTo("check example.com http://x.io/a?b=1&c=2 me@example.com");
	}

	@Test
	void cleanWhenEscapedAndCurlyShouldGiveAscii() {
		assertThat(SlackText.clean("run \u201cls &lt;dir&gt; &amp;&amp; echo \u2018ok\u2019\u201d", BOT, false))
			.isEqualTo("run \"ls <dir> && echo 'ok'\"");
	}

	@Test
	void cleanWhenNullShouldGiveEmpty() {
		assertThat(SlackText.clean(null, BOT, true)).isEmpty();
	}

	@Test
	void mentionsWhenTheAppIsMentionedShouldSaySo() {
		assertThat(SlackText.mentions("<@U0LAN0Z89> hi", BOT)).isTrue();
		assertThat(SlackText.mentions("<@U0LAN0Z89|st2> hi", BOT)).isTrue();
		assertThat(SlackText.mentions("<@U123> hi", BOT)).isFalse();
		assertThat(SlackText.mentions(null, BOT)).isFalse();
	}

	@Test
	void escapeShouldEscapePlainTextAndKeepSlackMarkup() {
		assertThat(
				SlackText.escape("IMAGE <none> a&b -> <https://st2.example.com/#/history/1|details> <@U123> <!here>"))
			.isEqualTo(
					"IMAGE &lt;none&gt; a&amp;b -&gt; <https://st2.example.com/#/history/1|details> <@U123> <!here>");
	}

}
